/** The settings: every one with a default and an environment variable ({@code GatewayConfig}). Imports no feature. */
package org.hlsgateway.config;
