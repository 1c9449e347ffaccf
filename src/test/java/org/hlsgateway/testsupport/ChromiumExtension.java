package org.hlsgateway.testsupport;

import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.openqa.selenium.chrome.ChromeDriver;

/** Starts and quits the browsers of {@link Chromium @Chromium} fields. */
public final class ChromiumExtension implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        for (Field field : fields(context)) {
            if (field.getType() != ChromeDriver.class) {
                throw new IllegalStateException("@Chromium goes on a ChromeDriver field, not on " + field);
            }
            field.set(context.getRequiredTestInstance(), Browser.start());
        }
    }

    /** Right after the test method, as the ITs quit their browser first in their {@code @AfterEach}. */
    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isPresent()) {
            screenshot(context);
        }
        quit(context);
    }

    /** In case a {@code @BeforeEach} failed and the test method did not run. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        quit(context);
    }

    private static void screenshot(ExtensionContext context) throws Exception {
        for (Field field : fields(context)) {
            ChromeDriver browser = (ChromeDriver) field.get(context.getRequiredTestInstance());
            if (browser != null) {
                try {
                    System.out.println("screenshot of the failed test: " + Browser.screenshot(browser, "failed-"
                            + context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()));
                } catch (RuntimeException | java.io.IOException e) {
                    System.out.println("no screenshot of the failed test: " + e);
                }
            }
        }
    }

    private static void quit(ExtensionContext context) throws Exception {
        for (Field field : fields(context)) {
            ChromeDriver browser = (ChromeDriver) field.get(context.getRequiredTestInstance());
            if (browser != null) {
                field.set(context.getRequiredTestInstance(), null);
                browser.quit();
            }
        }
    }

    private static List<Field> fields(ExtensionContext context) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(context.getRequiredTestClass(), Chromium.class,
                ModifierSupport::isNotStatic, HierarchyTraversalMode.TOP_DOWN);
        fields.forEach(field -> field.setAccessible(true));
        return fields;
    }
}
