package org.hlsgateway.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A started {@link RtspCamera} in this field: a static field gets one camera for the class (started before all
 * tests, closed after all), an instance field one per test (closed after the test's own {@code @AfterEach}).
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CameraExtension.class)
public @interface Camera {
}
