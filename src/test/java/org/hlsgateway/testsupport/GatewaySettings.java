package org.hlsgateway.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings of the gateway that one IT class deploys, e.g. {@code @GatewaySettings("HLS_LL=true")}: {@link MicroStarts}
 * passes each {@code NAME=value} to that class's Payara Micro as a JVM system property, which the gateway reads
 * before the environment ({@code GatewayConfig.fromEnvironment}). The other classes' servers do not get them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
public @interface GatewaySettings {

    /** {@code NAME=value} pairs; a name of capitals, digits and underscores, a value without blanks. */
    String[] value();
}
