package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.router.api.Command;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real headless Chromium against a real server over the fake backend: the wallboard
 * shows the backend's numbers and follows their changes live; a click in the console reaches the
 * backend as a router command and the page then shows the agent's new state.
 */
class WallboardBrowserIT {

  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static TestServer server;
  private WebDriver driver;

  @BeforeAll
  static void startServer() {
    assumeTrue(
        Files.isExecutable(CHROMEDRIVER),
        "skipped: /usr/bin/chromedriver is missing (apt-get install chromium chromium-driver)");
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void startBrowser(@TempDir Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1920,1080",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  private WebElement queueField(String queueId, String field) {
    return driver.findElement(
        By.cssSelector("[data-queue-id='" + queueId + "'] [data-field='" + field + "']"));
  }

  private void awaitText(
      String what, java.util.function.Supplier<WebElement> element, String text) {
    new WebDriverWait(driver, WAIT)
        .withMessage(what + " to read '" + text + "'")
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> element.get().getText().trim().equals(text));
  }

  @Test
  void shouldShowTheBackendsNumbersAndFollowTheirChanges() throws Exception {
    for (String extra : List.of("billing", "french", "vip", "callbacks")) {
      server.backend.addQueue(
          extra, extra.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + extra.substring(1));
    }
    server.backend.updateQueue(
        "sales",
        q -> {
          q.put("waiting", 3).put("longestWaitSeconds", 12);
          ((ObjectNode) q.get("serviceLevel")).put("percent", 91.2);
        });
    driver.get(server.uri("/wallboard?token=" + TestServer.WALLBOARD).toString());

    awaitText("sales waiting", () -> queueField("sales", "waiting"), "3");
    awaitText("sales SL", () -> queueField("sales", "sl"), "91");
    awaitText("sales longest wait", () -> queueField("sales", "longest"), "0:12");
    assertThat(
            driver
                .findElement(By.cssSelector("[data-queue-id='sales']"))
                .getAttribute("data-status"))
        .isEqualTo("ok");
    assertThat(driver.getCurrentUrl()).doesNotContain("token");

    server.backend.updateQueue(
        "sales",
        q -> {
          q.put("waiting", 17).put("longestWaitSeconds", 95);
          ((ObjectNode) q.get("serviceLevel")).put("percent", 55.0);
          ((ObjectNode) q.get("agents")).put("ready", 0).put("paused", 2);
          q.putArray("trend").addObject().put("timeMs", 0).put("serviceLevelPercent", 90);
          ((com.fasterxml.jackson.databind.node.ArrayNode) q.get("trend"))
              .addObject()
              .put("timeMs", 60_000)
              .put("serviceLevelPercent", 55);
        });
    server.backend.addAlert("al1", "critical", "Sales below service level target");

    awaitText("sales waiting after change", () -> queueField("sales", "waiting"), "17");
    awaitText("sales SL after change", () -> queueField("sales", "sl"), "55");
    awaitText("sales paused", () -> queueField("sales", "paused"), "2");
    awaitText(
        "total waiting",
        () -> driver.findElement(By.cssSelector("[data-field='total-waiting']")),
        "17");
    new WebDriverWait(driver, WAIT)
        .until(
            d ->
                "bad"
                    .equals(
                        d.findElement(By.cssSelector("[data-queue-id='sales']"))
                            .getAttribute("data-status")));
    assertThat(driver.findElement(By.cssSelector("[data-field='alerts']")).getText())
        .contains("Sales below service level target");
    assertThat(
            driver.findElements(By.cssSelector("[data-queue-id='sales'] svg polyline.spark-line")))
        .hasSize(1);
    assertThat(
            (Boolean)
                ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript(
                        "return document.documentElement.scrollHeight <= window.innerHeight"))
        .as("the wallboard fits the screen without scrolling")
        .isTrue();
    saveScreenshot("wallboard.png");
  }

  @Test
  void shouldSendAConsoleClickToTheBackendAndShowTheNewState() throws Exception {
    driver.get(server.uri("/console?token=" + TestServer.SUPERVISOR).toString());
    By a1State = By.cssSelector("tr[data-agent-id='a1'] [data-field='state']");
    awaitText("a1 state", () -> driver.findElement(a1State), "READY");

    new Select(
            driver.findElement(
                By.cssSelector("tr[data-agent-id='a1'] [data-field='pause-reason']")))
        .selectByValue("lunch");
    driver.findElement(By.cssSelector("tr[data-agent-id='a1'] [data-action='pause']")).click();

    TestServer.await(
        "the pause command",
        () -> server.backend.published.contains(new Command.AgentPause("a1", "lunch")),
        WAIT);
    awaitText("a1 state after pause", () -> driver.findElement(a1State), "PAUSED");
    awaitText(
        "a1 reason",
        () -> driver.findElement(By.cssSelector("tr[data-agent-id='a1'] [data-field='reason']")),
        "lunch");
    saveScreenshot("console.png");
  }

  private void saveScreenshot(String name) throws Exception {
    File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
