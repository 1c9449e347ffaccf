/**
 * Whether the database answers: outage detection, the 503 interceptor and the outage pages.
 * May import: config.
 */
package org.hlsgateway.database;
