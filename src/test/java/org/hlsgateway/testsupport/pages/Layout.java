package org.hlsgateway.testsupport.pages;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Measures what a person sees of a page: sideways scrolling, where elements are, words broken across lines. */
public final class Layout {

    private final WebDriver browser;

    public Layout(WebDriver browser) {
        this.browser = browser;
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    public long innerWidth() {
        return ((Number) js("return window.innerWidth;")).longValue();
    }

    /** How wide the page is; more than {@link #innerWidth()} means it scrolls sideways. */
    public long scrollWidth() {
        return ((Number) js("return document.scrollingElement.scrollWidth;")).longValue();
    }

    /** The element's box in CSS pixels: left, top, width, height, right. */
    @SuppressWarnings("unchecked")
    public Map<String, Number> box(WebElement element) {
        return (Map<String, Number>) js("var r = arguments[0].getBoundingClientRect();"
                + "return {left: r.left, top: r.top, width: r.width, height: r.height, right: r.right};", element);
    }

    public double width(WebElement element) {
        return box(element).get("width").doubleValue();
    }

    /** True when the element has a size and lies within the viewport's width (no scrolling sideways to reach it). */
    public boolean withinWidth(WebElement element) {
        Map<String, Number> box = box(element);
        return box.get("width").doubleValue() > 0 && box.get("left").doubleValue() >= 0
                && box.get("right").doubleValue() <= innerWidth();
    }

    /**
     * The words of the element's text that the browser breaks across lines ("Conn / ection"): each word of
     * each text node is measured as a range, and one with more than one line box is broken. Words end at
     * white space and at zero-width spaces (the break opportunities the console puts after URL separators).
     */
    @SuppressWarnings("unchecked")
    public List<String> brokenWords(WebElement element) {
        return (List<String>) js("var broken = [];"
                + "var walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);"
                + "for (var node = walker.nextNode(); node; node = walker.nextNode()) {"
                + "  var re = /[^\\s\\u200b]+/g, m;"
                + "  while ((m = re.exec(node.textContent)) !== null) {"
                + "    var range = document.createRange(); range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);"
                + "    var tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));"
                + "    if (tops.size > 1) { broken.push(m[0]); }"
                + "  }"
                + "}"
                + "return broken;", element);
    }

    /** Milliseconds from the start of the navigation to the end of the load event of the current page. */
    public long loadMillis() {
        return ((Number) js("var t = performance.getEntriesByType('navigation')[0];"
                + "return Math.round(t.loadEventEnd - t.startTime);")).longValue();
    }

    /** Elements whose own text contains {@code text}; a message shown twice counts 2. */
    public long elementsShowing(String text) {
        return ((Number) js("var t = arguments[0]; return Array.from(document.querySelectorAll('body *')).filter("
                + "e => e.offsetParent !== null && Array.from(e.childNodes).some("
                + "c => c.nodeType === 3 && c.textContent.includes(t))).length;", text)).longValue();
    }
}
