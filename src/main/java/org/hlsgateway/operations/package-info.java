/** Health and metrics of the gateway. May import: config, database, transcoding. */
package org.hlsgateway.operations;
