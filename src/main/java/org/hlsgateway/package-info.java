/**
 * Plumbing at the top of the feature stack: the JAX-RS applications ({@code ApiApplication}, {@code WatchApplication}),
 * the mapping of every feature's exceptions to answers ({@code ErrorMappers}) and the EclipseLink customizers.
 * May import any feature; no feature imports it.
 */
package org.hlsgateway;
