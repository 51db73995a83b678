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
 * confusion-matrix cell and a digit's explanation opened; the model saved under a new name and a digit drawn with it.
 * Leaves a screenshot of the lab mid-training in target/lab-screenshot.png (the README shows it).
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
        browser = BrowserTest.chrome(dir, "1100,2200");
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

    @Test
    void aRunFromThePage_isWatchedSteeredExplainedSavedAndDrawnWith() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/");
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
        Path shot = Path.of("target", "lab-screenshot.png");
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shot)).isGreaterThan(20_000);

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
        wait.until(d -> d.findElement(By.id("model-info")).getText().startsWith("784-100-10"));
        assertThat(browser.findElement(By.cssSelector("#model option:checked")).getText()).isEqualTo("from-the-lab.json");
        WebElement pad = browser.findElement(By.id("pad"));
        new Actions(browser).moveToElement(pad, 0, -90).clickAndHold().moveByOffset(0, 40).moveByOffset(0, 40)
                .moveByOffset(0, 40).moveByOffset(0, 40).release().perform();
        wait.until(d -> !d.findElement(By.id("label")).getText().equals("?"));
        assertThat(browser.findElements(By.cssSelector("#bars li"))).hasSize(10);
    }
}
