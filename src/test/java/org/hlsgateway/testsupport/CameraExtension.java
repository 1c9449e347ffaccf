package org.hlsgateway.testsupport;

import java.lang.reflect.Field;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;

/** Starts and closes the cameras of {@link Camera @Camera} fields. */
public final class CameraExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context.getRequiredTestClass(), null, ModifierSupport::isStatic);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close(context.getRequiredTestClass(), null, ModifierSupport::isStatic);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        start(context.getRequiredTestClass(), context.getRequiredTestInstance(), ModifierSupport::isNotStatic);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close(context.getRequiredTestClass(), context.getRequiredTestInstance(), ModifierSupport::isNotStatic);
    }

    private static List<Field> fields(Class<?> testClass, Predicate<Field> kind) {
        return AnnotationSupport.findAnnotatedFields(testClass, Camera.class, kind, HierarchyTraversalMode.TOP_DOWN);
    }

    private static void start(Class<?> testClass, Object instance, Predicate<Field> kind) throws Exception {
        for (Field field : fields(testClass, kind)) {
            if (field.getType() != RtspCamera.class) {
                throw new IllegalStateException("@Camera goes on an RtspCamera field, not on " + field);
            }
            field.setAccessible(true);
            field.set(instance, RtspCamera.start());
        }
    }

    private static void close(Class<?> testClass, Object instance, Predicate<Field> kind) throws Exception {
        for (Field field : fields(testClass, kind)) {
            field.setAccessible(true);
            RtspCamera camera = (RtspCamera) field.get(instance);
            if (camera != null) {
                field.set(instance, null);
                camera.close();
            }
        }
    }
}
