package dev.visualsearch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.store.SqliteInteractionStore;
import dev.visualsearch.testing.SharedData;
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}),
 * driven through the system's chromedriver so that nothing is downloaded: upload a photo of a
 * same-object pair, see its partner in the grid, click a result, find the click recorded; a like
 * and the dwell time on the result's look-alikes are recorded too.
 * Screenshots go to {@code target/e2e/}. Skipped where the browser is not installed.
 */
class BrowserEndToEndTest {

  // Debian's paths; the properties point elsewhere (or nowhere, to see the skip).
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("visualsearch.chromedriver", "/usr/bin/chromedriver"));
  private static final Path CHROMIUM =
      Path.of(System.getProperty("visualsearch.chromium", "/usr/bin/chromium"));
  private static final Path ARTIFACTS = Path.of("target", "e2e");

  private static SqliteInteractionStore log;
  private static SearchServer server;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws IOException {
    if (!browserInstalled()) {
      return; // the test reports the skip, so that it counts as one
    }
    Path logFile = ARTIFACTS.resolve("interactions.db");
    Files.createDirectories(ARTIFACTS);
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(logFile.resolveSibling(logFile.getFileName() + suffix));
    }
    log = SqliteInteractionStore.open(logFile);
    server = TestCollection.server(log).start();

    // An explicit driver and browser: Selenium Manager then has nothing to look up or download.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-gpu", "--window-size=1280,1000", "--no-first-run");
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (log != null) {
      log.close();
    }
  }

  private static boolean browserInstalled() {
    return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
  }

  @Test
  void uploadSeeThePartnerClickAResultAndTheClickIsRecorded() throws IOException {
    assumeTrue(browserInstalled(),
        "skipped: the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM
            + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver");
    browser.get(server.uri().toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(d -> d.findElement(By.id("info")).getText().contains("images"));

    // Upload one photo of a pair, as a user choosing a file would.
    Path query = SharedData.data("pairs/leuvenA.jpg").toAbsolutePath();
    browser.findElement(By.id("file")).sendKeys(query.toString());
    String partner = "pairs/leuvenB.jpg";
    WebElement partnerCard = wait.until(d -> d.findElements(By.cssSelector(".result")).stream()
        .filter(card -> partner.equals(card.getAttribute("data-id")))
        .findFirst().orElse(null));
    List<WebElement> cards = browser.findElements(By.cssSelector(".result"));
    assertThat(cards).hasSize(12);
    assertThat(cards.get(0).getAttribute("data-id")).isEqualTo("pairs/leuvenA.jpg");
    assertThat(cards.get(0).findElement(By.cssSelector(".score")).getText()).matches("[01]\\.\\d{3}");
    wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
        "return Array.from(document.querySelectorAll('.result img'))"
            + ".every(img => img.complete && img.naturalWidth > 0)"));
    screenshot("results.png");

    // Click the partner: it is recorded, and its look-alikes replace the grid.
    partnerCard.findElement(By.cssSelector("button.open")).click();
    wait.until(d -> d.findElement(By.id("query-label")).getText().equals("More like " + partner));
    wait.until(d -> d.findElements(By.cssSelector(".result")).stream()
        .noneMatch(card -> partner.equals(card.getAttribute("data-id"))));
    Cookie cookie = browser.manage().getCookieNamed("vs_user");
    assertThat(cookie).as("the user id cookie").isNotNull();
    String user = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);

    Api api = new Api(server.uri());
    JsonNode interactions = api.get("/api/interactions?user="
        + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8)).json().path("interactions");
    assertThat(interactions.findValuesAsText("type")).contains("impression", "click");
    boolean clicked = false;
    for (JsonNode interaction : interactions) {
      clicked |= interaction.path("type").asText().equals("click")
          && interaction.path("image").asText().equals(partner);
    }
    assertThat(clicked).as("a click on %s among %s", partner, interactions).isTrue();

    // Like the first of the new results: recorded too.
    WebElement first = browser.findElements(By.cssSelector(".result")).get(0);
    String liked = first.getAttribute("data-id");
    first.findElement(By.cssSelector("button.like")).click();
    wait.until(d -> interactionsOf(user).stream().anyMatch(i ->
        i.type() == Interaction.Type.LIKE && i.image().equals(liked)));
    screenshot("more-like-this.png");

    // Moving on from the partner's look-alikes reports how long they were looked at.
    WebElement next = browser.findElements(By.cssSelector(".result")).get(1);
    String nextId = next.getAttribute("data-id");
    next.findElement(By.cssSelector("button.open")).click();
    wait.until(d -> d.findElement(By.id("query-label")).getText().equals("More like " + nextId));
    wait.until(d -> interactionsOf(user).stream().anyMatch(i ->
        i.type() == Interaction.Type.DWELL && i.image().equals(partner) && i.dwellMillis() > 0));

    // Each interaction names the search whose results it was on.
    List<Interaction> all = interactionsOf(user);
    Interaction click = find(all, Interaction.Type.CLICK, partner);
    assertThat(click.queryId()).as("the click's queryId").isNotNull();
    assertThat(all).anyMatch(i -> i.type() == Interaction.Type.IMPRESSION
        && i.image().equals(partner) && click.queryId().equals(i.queryId()));
    assertThat(find(all, Interaction.Type.LIKE, liked).queryId())
        .as("the like was on the next search's results").isNotNull()
        .isNotEqualTo(click.queryId());
    assertThat(find(all, Interaction.Type.DWELL, partner).queryId()).isEqualTo(click.queryId());
  }

  private static Interaction find(List<Interaction> interactions, Interaction.Type type, String image) {
    return interactions.stream().filter(i -> i.type() == type && i.image().equals(image))
        .findFirst().orElseThrow(() -> new AssertionError("no " + type + " of " + image + " in " + interactions));
  }

  private static List<Interaction> interactionsOf(String user) {
    try {
      return log.forUser(user, 1000);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Path target = ARTIFACTS.resolve(name);
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("screenshot: " + target.toAbsolutePath());
  }
}
