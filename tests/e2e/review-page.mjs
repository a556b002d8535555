// Real-browser test of `leitplanke serve`: Debian's chromium driven by playwright-core types a
// draft with an unlabelled discount code, uploads a photo with a face and GPS data, and checks
// that the highlighted span, the findings and the face box appear; then axe-core checks the
// page with findings shown and fails on any serious or critical violation. Saves a screenshot.
//
// Usage: node review-page.mjs [path/to/leitplanke]   (default: ../../target/debug/leitplanke)
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.argv[2] ?? path.join(here, "../../target/debug/leitplanke");
const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");

function fail(msg) {
  console.error(`FAIL: ${msg}`);
  process.exitCode = 1;
  throw new Error(msg);
}

// Start the server on a free port and read the address it prints.
const server = spawn(bin, ["serve", "--port", "0", "--lang", "de"], { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("server did not start")), 20000);
  server.stdout.on("data", (d) => {
    const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(d.toString());
    if (m) { clearTimeout(timer); resolve(m[0]); }
  });
  server.on("exit", (c) => reject(new Error(`server exited with ${c}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox"],
});
try {
  // bypassCSP only so that axe-core can be injected; the page itself runs under its CSP.
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  await page.getByRole("textbox", { name: "Entwurf" }).fill("");
  await page.getByRole("textbox", { name: "Entwurf" }).pressSequentially(
    "Mit dem Rabattcode MUC10 spart ihr heute zehn Prozent im Laufladen an der Isar! Wir waren gestern schon dort und haben uns lange beraten lassen. #laufen",
    { delay: 5 },
  );
  await page.setInputFiles("#files", path.join(here, "team-photo.jpg"));
  await page.getByRole("button", { name: "Prüfen" }).click();

  // The unlabelled discount code is highlighted in the text …
  const mark = page.locator("#highlights mark.warning", { hasText: "Rabattcode" });
  await mark.waitFor({ timeout: 15000 }).catch(() => fail("no highlighted span for the discount code"));
  // … and explained in the list, with its category.
  const ad = page.locator(".finding", { hasText: "ad.missing-label" });
  await ad.first().waitFor({ timeout: 5000 }).catch(() => fail("ad.missing-label not listed"));
  if (!(await page.locator(".group h3", { hasText: "Werbekennzeichnung" }).count())) fail("category heading missing");
  // The photo: GPS and face findings beside the thumbnail, and a face box drawn on it.
  const thumb = page.locator("#thumbs li", { hasText: "team-photo.jpg" });
  for (const rule of ["image.gps", "image.face-consent"]) {
    if (!(await thumb.locator(".finding", { hasText: rule }).count())) fail(`${rule} not shown beside the photo`);
  }
  await thumb.locator(".face").first().waitFor({ timeout: 5000 }).catch(() => fail("no face box drawn"));
  const box = await thumb.locator(".face").first().boundingBox();
  if (!box || box.width < 10) fail("face box has no size");
  // Instagram's fold (125 characters) is marked in the long draft; LinkedIn's (210) is not reached.
  await page.locator("#platform").selectOption("instagram");
  await page.locator("#highlights mark.fold").waitFor({ timeout: 5000 }).catch(() => fail("fold not marked"));
  await page.locator("#platform").selectOption("linkedin");
  if (await page.locator("#highlights mark.fold").count()) fail("fold marked before it is reached");
  // The counter shows the platform's length and fold.
  const counter = await page.locator("#counter").textContent();
  if (!/von 3000 Zeichen/.test(counter)) fail(`counter: ${counter}`);

  // Acknowledge a finding from the page: the note goes into the text, the finding turns green.
  await ad.first().getByRole("button", { name: "Bestätigen …" }).click();
  await page.getByLabel("Warum trifft der Hinweis hier nicht zu?").fill("Rabatt der Stadtwerke für alle Beschäftigten, keine Werbung");
  await page.locator("#ack-ok").click();
  await page.locator(".finding.acknowledged", { hasText: "ad.missing-label" }).first()
    .waitFor({ timeout: 10000 }).catch(() => fail("acknowledgement not applied"));
  // Positions stay exact after a line break was inserted before the span.
  const marked = await page.locator("#highlights mark").first().textContent();
  if (marked !== "Rabattcode") fail(`highlight is "${marked}", not "Rabattcode"`);
  const text = await page.getByRole("textbox", { name: "Entwurf" }).inputValue();
  if (!text.includes("<!-- leitplanke: ack ad.missing-label — Rabatt der Stadtwerke")) fail("ack note not in text");

  await page.screenshot({ path: path.join(here, "screenshot.png"), fullPage: true });

  // Accessibility with findings shown.
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of result.violations) {
    console.log(`axe ${v.impact}: ${v.id} (${v.nodes.length}) ${v.help}`);
  }
  if (bad.length) fail(`${bad.length} serious or critical accessibility violations`);
  if (errors.length) fail(`page errors: ${errors.join("; ")}`);

  // English switch.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("heading", { name: "leitplanke – check a draft" }).waitFor({ timeout: 5000 });
  // A finding that combines several words shows them: the person and the health detail.
  await page.getByRole("textbox").first().fill("Welcome back to my colleague Sarah! After her chemo she is back at her desk.");
  const evidence = page.locator(".finding .evidence", { hasText: "chemo" });
  await evidence.first().waitFor({ timeout: 10000 }).catch(() => fail("no evidence line for a near finding"));
  const because = await evidence.first().textContent();
  if (!because.includes("“colleague Sarah”") && !because.includes("“Sarah”")) fail(`evidence: ${because}`);
  console.log("review page: ok (highlight, findings, face box, acknowledgement, axe, language switch, evidence)");
} finally {
  await browser.close();
  server.kill();
}
