package org.hlsgateway.api;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Corrects what a server's scanner gets wrong in the OpenAPI document (named in
 * {@code mp.openapi.filter}): Payara reads the {@code @Suspended AsyncResponse} of
 * {@code watch} as a request body, but no GET of the gateway takes one.
 */
public class OpenApiFilter implements OASFilter {

    @Override
    public PathItem filterPathItem(PathItem item) {
        if (item.getGET() != null) {
            item.getGET().setRequestBody(null);
        }
        return item;
    }
}
