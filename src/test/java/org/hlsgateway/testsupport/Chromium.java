package org.hlsgateway.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A headless Chromium ({@link Browser#start()}) in this {@code ChromeDriver} instance field, a new one for each test.
 * It quits right after the test method, before the test's own {@code @AfterEach}; when the test fails, what the
 * browser showed is saved first as {@code target/screenshots/failed-{class}-{test}.png}.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ChromiumExtension.class)
public @interface Chromium {
}
