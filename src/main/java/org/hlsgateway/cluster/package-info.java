/**
 * More than one node (issue #16, {@code HLS_CLUSTER}): the nodes find each other through Payara Micro's data grid;
 * each watched channel runs on one node, its owner, under a lease in the grid with a fencing number; any other node
 * serves it as a caching edge, fetching from the owner with the cluster secret. Nothing of it runs on a single node:
 * its filter is registered only in cluster mode, and the grid's classes are loaded only then.
 * May import: config, transcoding, database, operations (its node metrics), api, security (console logins), channels.
 * No feature imports it.
 */
package org.hlsgateway.cluster;
