package org.hlsgateway.testsupport.pages;

import java.util.function.Supplier;
import org.openqa.selenium.StaleElementReferenceException;

/** Repeats a read that straddled an ajax update of the page. */
final class Fresh {

    private Fresh() {
    }

    static <T> T read(Supplier<T> read) {
        StaleElementReferenceException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException e) {
                last = e;
            }
        }
        throw last;
    }
}
