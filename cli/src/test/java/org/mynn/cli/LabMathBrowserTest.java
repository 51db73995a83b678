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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The math of one sample on {@code /lab} in a real browser (Chromium through chromedriver): a run started from the
 * page, a test image's forward pass, error, deltas and one step shown with the network's numbers; "Take this step"
 * disabled while the run trains, enabled once it is paused, and pressed: the step is taken, as predicted, and the panel
 * shows the network after it; a drawn digit's math. Leaves a screenshot of the panel, 1280x800, in
 * target/lab-math.png and docs/lab-math.png (docs/web.md shows it).
 */
@Tag(Tags.BROWSER)
@Tag(Tags.REAL_DATA)
// drives Chromium while the lab trains on the real MNIST (its waits are up to 120 s each); about 15 s on a quiet machine
@Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LabMathBrowserTest {

    @TempDir
    static Path dir;
    static WebServer server;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Requires.browser();
        RealData.mnist(Split.TRAIN);
        Path models = Files.createDirectory(dir.resolve("models"));
        new ModelJson(ActivationRegistry.load()).save(NeuralNetwork.builder(784, 20, 10).seed(1).build(),
                models.resolve("model.json"));
        server = LabServers.start(models.resolve("model.json"), null, null, null);
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

    static String attr(String id, String name) {
        return browser.findElement(By.id(id)).getAttribute(name);
    }

    static void set(String id, String value) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    static void click(String id) {
        // by script: the panel sits below the fold of a 1280x800 window
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).click();", id);
    }

    @Test
    void aTestImagesMath_isShown_andItsStepTakenOnThePausedRun() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/lab");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(d -> d.findElements(By.cssSelector("#lab-activation option")).size() >= 5);
        set("lab-hidden", "100");
        set("lab-epochs", "20");
        set("lab-threads", "1");
        browser.findElement(By.id("lab-start")).click();
        wait.until(d -> "running".equals(state()));

        // the panel opens below the essentials; a test image's math with this network's numbers
        ((JavascriptExecutor) browser).executeScript("document.getElementById('lab-math-box').open = true;");
        set("lab-math-index", "0");
        click("lab-math-show");
        wait.until(d -> "mnist/test #0".equals(attr("lab-math", "data-source")));
        String math = text("lab-math-steps");
        assertThat(math).contains("x = p / 255 × 0.99 + 0.01", "z = W1 x", "a1 = σ(z)", "z = W2 a1", "o = σ(z)",
                "e = t − o", "d = e · o (1 − o)", "e = W2ᵀ e", "ΔW = lr · d · aᵀ", "One step with learning rate 0.1");
        assertThat(browser.findElements(By.cssSelector("#lab-math-steps table"))).hasSize(3);
        assertThat(text("lab-math-digit-caption")).startsWith("mnist/test #0: a 7.");
        assertThat(browser.findElement(By.id("lab-math-step")).isEnabled()).as("not while the run trains").isFalse();

        // paused, the step can be taken: it is, as predicted, and the panel shows the network after it
        browser.findElement(By.id("lab-pause")).click();
        wait.until(d -> "paused".equals(state()));
        wait.until(d -> d.findElement(By.id("lab-math-step")).isEnabled());
        click("lab-math-step");
        wait.until(d -> "1".equals(attr("lab-math", "data-stepped")));
        assertThat(text("lab-math-stepped")).contains("Step taken.", "exactly what the step predicted");
        assertThat(state()).isEqualTo("paused");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('lab-math-box').scrollIntoView();");
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target", "lab-math.png"), png);
        Path docs = Path.of("..", "docs");
        if (Files.isDirectory(docs)) {
            Files.write(docs.resolve("lab-math.png"), png);
        }
        assertThat(png.length).isGreaterThan(40_000);

        // a drawn digit, with the label it should have
        WebElement pad = browser.findElement(By.id("lab-math-pad"));
        new Actions(browser).moveToElement(pad, 0, -25).clickAndHold().moveByOffset(0, 15).moveByOffset(0, 15)
                .moveByOffset(0, 15).release().perform();
        new Select(browser.findElement(By.id("lab-math-label"))).selectByValue("1");
        click("lab-math-use");
        wait.until(d -> "your drawing".equals(attr("lab-math", "data-source")));
        assertThat(text("lab-math-digit-caption")).startsWith("your drawing: a 1.");
        browser.findElement(By.id("lab-stop")).click();
        wait.until(d -> "stopped".equals(state()));
        wait.until(d -> !d.findElement(By.id("lab-math-step")).isEnabled());
    }
}
