package org.hlsgateway.testsupport;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The IT preamble once: the build's WAR deployed by Arquillian (a base class, because Arquillian looks for the
 * static {@code @Deployment} method on the test class and its superclasses), tested from outside, and a
 * {@link Gateway} client with the admin's credentials in {@link #gateway} before each test.
 * Add {@link Camera @Camera} fields for a test camera and {@link Chromium @Chromium} for a browser.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class DeployedGateway {

    /** The deployment's URL, {@code http://127.0.0.1:port/hls_gateway/}; Arquillian injects it before each test. */
    @ArquillianResource
    protected URL deployment;

    /** The admin's client of the deployed gateway, new for each test. */
    protected Gateway gateway;

    @Deployment(testable = false)
    static WebArchive gatewayWar() {
        return Deployments.gateway();
    }

    /** Runs before the subclass's own {@code @BeforeEach} methods, after Arquillian has injected the URL. */
    @BeforeEach
    void connectToTheDeployment() {
        gateway = new Gateway(deployment);
    }
}
