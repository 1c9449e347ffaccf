package org.hlsgateway.testsupport;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, deployed as {@code hls_gateway.war} (context root {@code /hls_gateway}). */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive gateway() {
        File war = new File(System.getProperty("hls.war", "target/hls_gateway.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: run the ITs through `mvn verify`");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
