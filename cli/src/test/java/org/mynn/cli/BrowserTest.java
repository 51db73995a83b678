package org.mynn.cli;

import org.mynn.cli.web.WebServer;
import org.junit.jupiter.api.Tag;
import org.mynn.testing.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.mynn.testing.Requires;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser (Debian's Chromium, driven through chromedriver): a digit drawn with the pointer is
 * read, the 28x28 preview and the backquery pictures appear. Leaves a screenshot in target/serve-screenshot.png.
 */
@Tag(Tags.BROWSER)
@Tag(Tags.REAL_DATA)
// drives Chromium through chromedriver against a server; about 15 s on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BrowserTest {

    @TempDir
    static Path dir;
    static WebServer server;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Requires.browser();
        server = WebApiTest.start(WebApiTest.models(dir));
        browser = chrome(dir, "1000,900");
    }

    /** @return headless Chromium driven through chromedriver, its profile in {@code dir}, a window of {@code size} */
    static ChromeDriver chrome(Path dir, String size) throws java.io.IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Requires.chromium());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")), "--window-size=" + size);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Requires.chromedriver()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
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

    @Test
    void drawingASeven_isReadAsASeven_withThePreviewAndBackqueryPictures() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> d.findElements(By.cssSelector("#backquery img")).size() == 10);
        WebElement pad = browser.findElement(By.id("pad"));
        // a 7: the bar from left to right, then the stroke down and to the left (offsets from the pad's centre)
        new Actions(browser).moveToElement(pad, -70, -80).clickAndHold().moveByOffset(40, 0).moveByOffset(40, 0)
                .moveByOffset(40, 0).moveByOffset(-15, 40).moveByOffset(-15, 40).moveByOffset(-15, 40).moveByOffset(-15, 40)
                .release().perform();
        wait.until(d -> d.findElement(By.id("label")).getText().equals("7"));
        assertThat(browser.findElement(By.id("score")).getText()).startsWith("score 0.");
        assertThat(browser.findElements(By.cssSelector("#bars li"))).hasSize(10);
        assertThat(browser.findElement(By.cssSelector("#bars li.best .name")).getText()).isEqualTo("7");
        JavascriptExecutor js = browser;
        Long ink = (Long) js.executeScript("const d = document.getElementById('seen').getContext('2d').getImageData(0, 0, 28, 28).data;"
                + " let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 200) n++; return n;");
        assertThat(ink).as("dark pixels in the 28x28 preview").isBetween(20L, 400L);
        wait.until(d -> (Boolean) js.executeScript(
                "return [...document.querySelectorAll('#backquery img')].every(i => i.complete && i.naturalWidth === 168);"));
        Path shot = Path.of("target", "serve-screenshot.png");
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shot)).isGreaterThan(10_000);

        browser.findElement(By.id("clear")).click();
        wait.until(d -> d.findElement(By.id("label")).getText().equals("?"));
        browser.findElement(By.id("random")).click();
        wait.until(d -> d.findElement(By.id("note")).getText().startsWith("MNIST test digit #"));
        wait.until(d -> !d.findElement(By.id("label")).getText().equals("?"));
    }
}
