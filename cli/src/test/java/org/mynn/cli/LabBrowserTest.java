package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.cli.web.LabServers;
import org.mynn.cli.web.WebServer;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.data.RealData;
import org.mynn.data.Split;
import org.mynn.testing.Requires;
import org.mynn.testing.Tags;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The training lab in a real browser (Debian's Chromium through chromedriver): a small run on MNIST started from the
 * page, its loss chart and backquery pictures changing, paused, its learning rate changed, resumed, stopped; a
 * confusion-matrix cell and a digit's explanation opened; the run saved under a new name (a checkpoint), continued from
 * the page, and a digit drawn with it on the drawing page. The book's learning-rate experiment started with one click, its chart growing a point a run; two
 * runs compared (McNemar's verdict); every request the page made went to this server. Leaves a screenshot of
 * {@code /lab} mid-run, 1280x800, in target/lab-screenshot.png and docs/lab.png (the README and docs/web.md show it).
 */
@Tag(Tags.BROWSER)
@Tag(Tags.REAL_DATA)
// drives Chromium through chromedriver while the lab trains on the real MNIST (its waits are up to 60 s
// each); about 21 s on a quiet machine
@Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LabBrowserTest {

    @TempDir
    static Path dir;
    static WebServer server;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Requires.browser();
        RealData.mnist(Split.TRAIN);
        ModelJson json = new ModelJson(ActivationRegistry.load());
        Path models = Files.createDirectory(dir.resolve("models"));
        json.save(NeuralNetwork.builder(784, 20, 10).seed(1).build(), models.resolve("model.json"));
        server = LabServers.start(models.resolve("model.json"), RealData.mnist(Split.TEST), null, null);
        browser = BrowserTest.chrome(dir, "1280,800");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    static String state() {
        return browser.findElement(By.id("lab-status")).getAttribute("data-state");
    }

    static long attr(String id, String name) {
        String v = browser.findElement(By.id(id)).getAttribute(name);
        return v == null ? -1 : Long.parseLong(v);
    }

    static void set(String id, String value) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void theLearningRatePreset_growsItsChart_andTwoRunsCompare_allOnThisServer() throws Exception {
        String base = "http://127.0.0.1:" + server.port() + "/";
        browser.get(base + "lab");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(180));
        wait.until(d -> d.findElements(By.cssSelector("#lab-activation option")).size() >= 5);
        // the network's picture follows the settings
        wait.until(d -> "784-200-10".equals(d.findElement(By.id("lab-net")).getAttribute("data-shape")));
        set("lab-hidden", "100,50");
        wait.until(d -> "784-100-50-10".equals(d.findElement(By.id("lab-net")).getAttribute("data-shape")));
        set("lab-hidden", "200");

        // one click, told how long it will take, a second to go
        wait.until(d -> !d.findElements(By.id("lab-preset-lr")).isEmpty());
        browser.findElement(By.id("lab-preset-lr")).click();
        wait.until(d -> d.findElement(By.id("lab-preset-go")).isEnabled() && text("lab-preset-text").contains(" s on this machine"));
        assertThat(text("lab-preset-text")).contains("7 runs", "lr 0.01, 0.05, 0.1, 0.2, 0.3, 0.6, 0.9");
        browser.findElement(By.id("lab-preset-go")).click();
        wait.until(d -> text("lab-status").startsWith("Preset The book's learning-rate experiment"));
        // the form and the network's picture show the run being watched (the preset's 784-100-10, 1 epoch)
        wait.until(d -> "784-100-10".equals(d.findElement(By.id("lab-net")).getAttribute("data-shape")));
        assertThat(browser.findElement(By.id("lab-hidden")).getAttribute("value")).isEqualTo("100");
        assertThat(browser.findElement(By.id("lab-epochs")).getAttribute("value")).isEqualTo("1");
        wait.until(d -> attr("lab-chart", "data-points") >= 3);
        // accuracy against the learning rate, a point a run
        wait.until(d -> attr("lab-chart2", "data-points") >= 1);
        wait.until(d -> attr("lab-chart2", "data-points") >= 2 && attr("lab-chart", "data-points") >= 3
                && attr("lab-backquery", "data-frame") > 0);
        assertThat(browser.findElements(By.cssSelector("#lab-chart .u-legend, #lab-chart2 .u-legend"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#lab-backquery figcaption")).stream().map(WebElement::getText))
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        // the picture for the README: the backquery of the run under way redrawn since its untrained network
        wait.until(d -> attr("lab-status", "data-run") > 0 && attr("lab-backquery", "data-run") == attr("lab-status", "data-run"));
        long run = attr("lab-status", "data-run");
        String untrained = browser.findElement(By.id("lab-backquery")).getAttribute("data-sum");
        wait.until(d -> attr("lab-backquery", "data-run") != run
                || !untrained.equals(d.findElement(By.id("lab-backquery")).getAttribute("data-sum")));
        // the page as it opens, not where the clicks scrolled it
        ((JavascriptExecutor) browser).executeScript("scrollTo(0, 0);");
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target", "lab-screenshot.png"), png);
        Path docs = Path.of("..", "docs");
        if (Files.isDirectory(docs)) {
            Files.write(docs.resolve("lab.png"), png);
        }
        assertThat(png.length).isGreaterThan(40_000);

        // a page opened mid-way (here: this one reloaded) follows the preset too: its chart drawn from the run list
        long drawn = attr("lab-chart2", "data-points");
        browser.navigate().refresh();
        wait.until(d -> attr("lab-chart2", "data-points") >= drawn && text("lab-status").startsWith("Preset "));

        // Stop ends the preset; two runs of the list compared
        browser.findElement(By.id("lab-stop")).click();
        wait.until(d -> text("lab-status").indexOf("Preset") < 0 && !"running".equals(state()) && !"stopping".equals(state()));
        wait.until(d -> attr("lab-runs", "data-count") >= 2);
        ((JavascriptExecutor) browser).executeScript("const b = document.querySelectorAll('#lab-runs .run-pick');"
                + " b[b.length - 1].click(); b[b.length - 2].click();");
        browser.findElement(By.id("lab-compare")).click();
        wait.until(d -> text("lab-verdict").contains("McNemar's test on 10,000 test images"));
        assertThat(text("lab-verdict")).containsPattern("(is better|no evidence that they differ), p = [0-9.e-]+\\.$");
        assertThat(browser.findElement(By.id("lab-chart2")).getAttribute("data-mode")).isEqualTo("overlay");

        // nothing the page asked for left this server
        @SuppressWarnings("unchecked")
        java.util.List<String> asked = (java.util.List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name));");
        assertThat(asked).hasSizeGreaterThan(5).allMatch(u -> u.startsWith(base), "addressed to " + base);
    }

    /** The essentials of the lab at 1280x800 without scrolling: the network as a picture, the settings in groups, the live charts, the pictures. */
    static final String[] ESSENTIALS = {"#lab-net", "#lab-form fieldset", "#lab-start", "#lab-chart", "#lab-chart2",
        "#lab-backquery"};

    /**
     * Checks that the essentials lie within the window (1280x800, less the browser's own bars) at the top of the page:
     * none below it or beside it, none to scroll to.
     */
    static void essentialsFit() {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> view = (java.util.Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "scrollTo(0, 0); return {w: innerWidth, h: innerHeight, x: scrollX, y: scrollY,"
                        + " wide: document.documentElement.scrollWidth};");
        assertThat(((Number) view.get("w")).intValue()).as("the window's width").isEqualTo(1280);
        assertThat(((Number) view.get("h")).intValue()).as("the window's height").isBetween(600, 800);
        assertThat(((Number) view.get("wide")).intValue()).as("no sideways scrolling").isLessThanOrEqualTo(1280);
        for (String css : ESSENTIALS) {
            java.util.List<WebElement> found = browser.findElements(By.cssSelector(css));
            assertThat(found).as(css).isNotEmpty();
            for (WebElement e : found) {
                @SuppressWarnings("unchecked")
                java.util.Map<String, Number> r = (java.util.Map<String, Number>) ((JavascriptExecutor) browser).executeScript(
                        "const r = arguments[0].getBoundingClientRect();"
                                + " return {top: r.top, left: r.left, bottom: r.bottom, right: r.right, h: r.height};", e);
                assertThat(r.get("h").doubleValue()).as(css + " is drawn").isPositive();
                assertThat(r.get("top").doubleValue()).as(css + " " + r).isGreaterThanOrEqualTo(0);
                assertThat(r.get("left").doubleValue()).as(css + " " + r).isGreaterThanOrEqualTo(0);
                assertThat(r.get("bottom").doubleValue()).as(css + " " + r + " within " + view)
                        .isLessThanOrEqualTo(((Number) view.get("h")).doubleValue());
                assertThat(r.get("right").doubleValue()).as(css + " " + r + " within " + view)
                        .isLessThanOrEqualTo(((Number) view.get("w")).doubleValue());
            }
        }
    }

    @Test
    void theLadderPreset_drawsAccuracyPerStep_withItsStepsLabelsAndWhys_andTheEssentialsFit1280x800() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/lab");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(180));
        wait.until(d -> d.findElements(By.cssSelector("#lab-activation option")).size() >= 5);

        // the essentials lie in the window of a 1280x800 screen, before a run and (below) mid-preset
        essentialsFit();

        // one click: the steps, each with why and how long, and how long in all
        wait.until(d -> !d.findElements(By.id("lab-preset-ladder")).isEmpty());
        browser.findElement(By.id("lab-preset-ladder")).click();
        wait.until(d -> d.findElement(By.id("lab-preset-go")).isEnabled() && text("lab-preset-text").contains(" s on this machine"));
        assertThat(text("lab-preset-text")).contains("6 runs", "6 steps", "all of mnist");
        // read in one go: the list is drawn again when the estimate is refined
        @SuppressWarnings("unchecked")
        java.util.List<String> steps = (java.util.List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#lab-preset-steps li')].map((li) => li.innerText);");
        assertThat(steps).hasSize(6);
        assertThat(steps.get(0)).startsWith("the book (about ").contains("0.9746");
        assertThat(steps.get(5)).startsWith("+ elastic (about ").contains("elastic distortions");
        browser.findElement(By.id("lab-preset-go")).click();
        wait.until(d -> text("lab-status").startsWith("Preset The ladder past the book (run 1 of 6, step the book)"));
        assertThat(browser.findElement(By.cssSelector("#lab-preset-steps li.now")).getText()).startsWith("the book");
        // accuracy at each step, the steps named on the axis
        wait.until(d -> attr("lab-chart2", "data-points") >= 1);
        assertThat(browser.findElement(By.id("lab-chart2")).getAttribute("data-mode")).isEqualTo("steps");
        assertThat(browser.findElement(By.id("lab-chart2")).getAttribute("data-labels")).startsWith("the book");
        assertThat(text("lab-chart2-caption")).startsWith("The ladder past the book: accuracy on the whole test set at each"
                + " step (the book ").contains("1 of 6 runs so far");
        wait.until(d -> text("lab-status").contains("run 2 of 6, step + CE, biases") && attr("lab-chart", "data-points") >= 2);
        essentialsFit();
        browser.findElement(By.id("lab-stop")).click();
        wait.until(d -> text("lab-status").indexOf("Preset") < 0 && !"running".equals(state()) && !"stopping".equals(state()));
    }

    @Test
    void aRunFromThePage_isWatchedSteeredExplainedSavedAndDrawnWith() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/lab");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> d.findElements(By.cssSelector("#lab-activation option")).size() >= 5);
        set("lab-hidden", "100");
        set("lab-epochs", "20");
        set("lab-threads", "1");
        browser.findElement(By.id("lab-start")).click();
        wait.until(d -> "running".equals(state()));

        // the chart gains points and the backquery pictures change while it learns
        wait.until(d -> attr("lab-chart", "data-points") >= 3);
        long sum = attr("lab-backquery", "data-sum");
        long points = attr("lab-chart", "data-points");
        wait.until(d -> attr("lab-backquery", "data-sum") != sum && attr("lab-chart", "data-points") > points);
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const i = document.getElementById('lab-weights'); return !i.hidden && i.complete && i.naturalWidth > 100;"));

        // pause, a new learning rate, resume, stop
        browser.findElement(By.id("lab-pause")).click();
        wait.until(d -> "paused".equals(state()));
        set("lab-new-lr", "0.05");
        browser.findElement(By.id("lab-change-lr")).click();
        wait.until(d -> browser.findElement(By.id("lab-status")).getText().contains("lr 0.05"));
        browser.findElement(By.id("lab-resume")).click();
        wait.until(d -> "running".equals(state()));
        browser.findElement(By.id("lab-stop")).click();
        wait.until(d -> "stopped".equals(state()));

        // the error atlas: a confusion matrix, a cell's digits, a digit's explanation
        wait.until(d -> d.findElements(By.cssSelector("#lab-confusion td.cell")).size() == 100);
        // (clicked in one script: the table is drawn again when a newer matrix arrives)
        Boolean clicked = (Boolean) ((JavascriptExecutor) browser).executeScript(
                "const td = [...document.querySelectorAll('#lab-confusion td.cell')]"
                        + ".find(t => !t.classList.contains('diag') && Number(t.textContent) > 0);"
                        + " if (!td) return false; td.click(); return true;");
        assertThat(clicked).as("a network trained this little makes some mistakes").isTrue();
        wait.until(d -> !d.findElements(By.cssSelector("#lab-cell canvas.digit")).isEmpty());
        ((JavascriptExecutor) browser).executeScript("document.querySelector('#lab-cell canvas.digit').click();");
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const i = document.getElementById('lab-explain-img'); return !document.getElementById('lab-explain').hidden"
                        + " && i.complete && i.naturalWidth > 100;"));
        assertThat(browser.findElements(By.cssSelector("#lab-explain-bars li"))).hasSize(10);

        // kept under a new name, and the drawing view draws with it at once
        set("lab-name", "from-the-lab");
        browser.findElement(By.id("lab-save")).click();
        wait.until(d -> d.findElement(By.id("lab-note")).getText().startsWith("saved from-the-lab.json"));
        // a stopped run is kept as a checkpoint, which the page offers to continue, and continues live
        assertThat(text("lab-note")).contains("a checkpoint after", "mynn train --resume");
        wait.until(d -> attr("lab-saved", "data-count") >= 1 && d.findElement(By.id("lab-continue")).isEnabled());
        assertThat(browser.findElement(By.cssSelector("#lab-saved option:checked")).getText()).startsWith("from-the-lab.json: 784-100-10");
        browser.findElement(By.id("lab-continue")).click();
        wait.until(d -> "running".equals(state()) && text("lab-status").contains("resumed after"));
        browser.findElement(By.id("lab-stop")).click();
        wait.until(d -> "stopped".equals(state()));
        // the drawing page, one link away, draws with it
        browser.findElement(By.id("to-draw")).click();
        wait.until(d -> d.findElement(By.id("model-info")).getText().startsWith("784-100-10"));
        assertThat(browser.findElement(By.cssSelector("#model option:checked")).getText()).isEqualTo("from-the-lab.json");
        WebElement pad = browser.findElement(By.id("pad"));
        new Actions(browser).moveToElement(pad, 0, -90).clickAndHold().moveByOffset(0, 40).moveByOffset(0, 40)
                .moveByOffset(0, 40).moveByOffset(0, 40).release().perform();
        wait.until(d -> !d.findElement(By.id("label")).getText().equals("?"));
        assertThat(browser.findElements(By.cssSelector("#bars li"))).hasSize(10);
    }
}
