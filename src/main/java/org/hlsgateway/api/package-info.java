/**
 * What every web-facing feature shares: the one error shape ({@code ErrorResponses}, {@code FieldError}), JSON builders,
 * servlet and database answers, OpenAPI texts, the public base URL. May import: config, database, transcoding, operations.
 */
package org.hlsgateway.api;
