// The built book in headless Chromium: what a reader's browser does with it.
//
// Run by .ci/run (after `mdbook build book`), from this folder:
//   node book.test.mjs [BOOK_DIR]        (default ../../book/build)
// It serves the book on 127.0.0.1, then checks that every page loads with no
// console error, every image and SVG has a size, every internal link (and
// its #anchor) resolves, each trace viewer shows for turn N what the JSON
// says and comes back when stepped back, the search finds a chapter-4 term,
// and a chapter opened from file:// still plays its viewer. Screenshots of
// a viewer at two turns go to target/browser-artifacts/.
//
// Debian's chromium, as root: hence --no-sandbox and a fresh profile.

import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const book = resolve(process.argv[2] ?? join(root, "book/build"));
const artifacts = join(root, "target/browser-artifacts");
const traces = join(root, "book/src/generated/traces");
const started = Date.now();
let lapStart = started;
function lap() {
  const now = Date.now();
  const s = ((now - lapStart) / 1000).toFixed(1) + " s";
  lapStart = now;
  return s;
}

const failures = [];
let passed = 0;
function check(ok, what) {
  if (ok) passed++;
  else {
    failures.push(what);
    console.log("FAIL " + what);
  }
}

// ---- a static server for the built book -----------------------------------
const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json",
  ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".txt": "text/plain",
};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = join(book, path);
  if (!file.startsWith(book)) { res.writeHead(403); res.end(); return; }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file)) { res.writeHead(404); res.end("not found"); return; }
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const profile = mkdtempSync(join(tmpdir(), "aio-book-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
  viewport: { width: 1280, height: 900 },
});

try {
  const pages = readdirSync(book).filter((f) => f.endsWith(".html")).sort();
  const ids = new Map(); // page -> Set of element ids
  const links = []; // [from page, href]
  const viewerPages = [];

  // ---- every page: no console error, images and SVGs with a size --------
  // Four pages at a time: most of the time goes in waiting for loads.
  async function visit(name) {
    const page = await context.newPage();
    const errors = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("requestfailed", (r) => { if (r.url().startsWith(base)) errors.push("failed: " + r.url()); });
    page.on("response", (r) => { if (r.url().startsWith(base) && r.status() >= 400) errors.push(`${r.status()}: ${r.url()}`); });
    await page.goto(base + name, { waitUntil: "load" });
    check(errors.length === 0, `${name}: loads with no console error (${errors.join(" | ")})`);
    const images = await page.$$eval("img", (imgs) => imgs.map((i) => [i.getAttribute("src"), i.complete && i.naturalWidth > 0 && i.naturalHeight > 0]));
    for (const [src, ok] of images) check(ok, `${name}: image ${src} loads with a size`);
    const svgs = await page.$$eval("main svg", (svgs) => svgs.map((s) => { const r = s.getBoundingClientRect(); return [s.outerHTML.slice(0, 60), r.width > 0 && r.height > 0 || s.closest("[hidden],details:not([open])") !== null]; }));
    for (const [svg, ok] of svgs) check(ok, `${name}: inline SVG ${svg}… has a size`);
    ids.set(name, new Set(await page.$$eval("[id]", (els) => els.map((e) => e.id))));
    for (const href of await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")))) links.push([name, href]);
    if (name !== "print.html" && (await page.$("div.aio-trace[data-trace]"))) viewerPages.push(name);
    await page.close();
  }
  const queue = [...pages];
  await Promise.all([1, 2, 3, 4].map(async () => { while (queue.length) await visit(queue.shift()); }));
  viewerPages.sort();

  // ---- every internal link resolves, anchors included --------------------
  let internal = 0;
  for (const [from, href] of links) {
    if (/^[a-z]+:/i.test(href) || href.startsWith("//")) continue; // external, mailto:
    internal++;
    const url = new URL(href, base + from);
    let target = decodeURIComponent(url.pathname.slice(1)) || "index.html";
    if (target.endsWith("/")) target += "index.html";
    const exists = existsSync(join(book, target));
    check(exists, `${from}: link ${href} resolves to a file`);
    if (exists && url.hash && target.endsWith(".html")) {
      const anchor = decodeURIComponent(url.hash.slice(1));
      check(ids.get(target)?.has(anchor), `${from}: link ${href} finds #${anchor} in ${target}`);
    }
  }
  console.log(`pages: ${pages.length} loaded (${lap()})`);
  console.log(`links: ${internal} internal links checked`);

  // ---- each viewer: step N turns, see turn N; back, see turn 1 ------------
  const secs = (t) => (t === null ? "—" : t.toFixed(3) + " s");
  async function viewerState(viewer) {
    return viewer.evaluate((v) => ({
      turn: v.getAttribute("data-turn"),
      clock: v.querySelector("[data-role=clock]").textContent,
      running: v.querySelector("[data-role=running]").textContent,
      ready: [...v.querySelectorAll("[data-role=ready] li:not(.aio-empty)")].map((li) => li.textContent),
      waiting: [...v.querySelectorAll("[data-role=waiting] li:not(.aio-empty)")].map((li) => li.getAttribute("data-task") + ":" + li.getAttribute("data-on")),
      highlighted: [...v.querySelectorAll("[data-role=text] .aio-current")].map((s) => Number(s.getAttribute("data-line"))),
    }));
  }
  function expected(program, turn) {
    return {
      turn: String(turn.n),
      clock: program.clock ? secs(turn.time) : "none (this loop has no clock)",
      ready: turn.ready,
      waiting: turn.waiting.map((w) => w.task + ":" + w.on.kind),
      highlighted: turn.lines ? Array.from({ length: turn.lines[1] - turn.lines[0] + 1 }, (_, i) => turn.lines[0] + i) : [],
    };
  }
  function same(state, want, running, what) {
    const got = JSON.stringify({ ...state, running: undefined });
    const exp = JSON.stringify({ ...want, running: undefined });
    check(got === exp, `${what}: the DOM shows what the JSON says\n    DOM:  ${got}\n    JSON: ${exp}`);
    check(state.running.includes(running), `${what}: shows "${running}" running (DOM: "${state.running}")`);
  }
  let viewers = 0;
  let shots = 0;
  mkdirSync(artifacts, { recursive: true });
  for (const name of viewerPages) {
    const page = await context.newPage();
    await page.goto(base + name, { waitUntil: "load" });
    const count = await page.$$eval("div.aio-trace[data-trace]", (vs) => vs.length);
    for (let v = 0; v < count; v++) {
      const viewer = page.locator("div.aio-trace[data-trace]").nth(v);
      const demo = await viewer.getAttribute("data-trace");
      // The truth is the committed export (which `cargo test` keeps equal
      // to what the demo traces), not the copy in the page the viewer reads.
      const json = JSON.parse(readFileSync(join(traces, `${demo}.json`), "utf8"));
      check(json.schema === "aio-trace" && json.version === 1, `${name} ${demo}: schema aio-trace v1`);
      for (const [p, program] of json.programs.entries()) {
        program.turns.forEach((turn, i) => {
          const what = `${demo}.json program ${p + 1} turn ${i + 1}`;
          check(turn.n === i + 1, `${what}: numbered ${i + 1} (is ${turn.n})`);
          if (turn.kind === "poll") check(turn.ready[0] === turn.task, `${what}: the task polled, ${turn.task}, is the front of the ready queue ${JSON.stringify(turn.ready)}`);
          if (turn.kind === "park") check(turn.ready.length === 0 || turn.park.timeout === 0, `${what}: the loop parks only with nothing ready, or only looks`);
        });
      }
      for (let p = 0; p < json.programs.length; p++) {
        const program = json.programs[p];
        const what = `${name} ${demo} program ${p + 1}`;
        if (json.programs.length > 1) await viewer.locator(`[data-role=program][data-program="${p}"]`).click();
        await viewer.locator("[data-role=first]").click();
        const n = Math.min(program.turns.length - 1, 3 + p * 2);
        const step = viewer.locator("[data-role=step]");
        for (let i = 0; i < n; i++) await step.dispatchEvent("click");
        const turn = program.turns[n];
        const running = turn.kind === "poll" ? `${turn.task} → ${turn.outcome}` : turn.kind === "park" ? "parks" : "";
        same(await viewerState(viewer), expected(program, turn), running, `${what}, ${n} steps forward (turn ${turn.n})`);
        if (shots < 2 && demo === "count_timers") {
          await viewer.screenshot({ path: join(artifacts, `viewer-${demo}-turn-${turn.n}.png`) });
          shots++;
        }
        const back = viewer.locator("[data-role=back]");
        for (let i = 0; i < n; i++) await back.dispatchEvent("click");
        const first = program.turns[0];
        same(await viewerState(viewer), expected(program, first), first.kind === "poll" ? first.task : "", `${what}, then ${n} back (turn 1)`);
        if (shots < 2 && demo === "count_timers") {
          await viewer.screenshot({ path: join(artifacts, `viewer-${demo}-turn-${first.n}.png`) });
          shots++;
        }
        // The slider jumps straight to the last turn.
        const last = program.turns[program.turns.length - 1];
        await viewer.locator("[data-role=slider]").fill(String(program.turns.length));
        same(await viewerState(viewer), expected(program, last), last.kind === "poll" ? last.task : "", `${what}, slider to the last turn (${last.n})`);
        viewers++;
      }
      // The strip of turns zooms (the chess exhibition has many).
      const zoom = Number(await viewer.getAttribute("data-zoom"));
      await viewer.locator("[data-role=zoom-in]").click();
      const zoomed = Number(await viewer.getAttribute("data-zoom"));
      const cell = await viewer.locator(".aio-trace-cell").first().evaluate((c) => c.getBoundingClientRect().width);
      check(zoomed > zoom && Math.abs(cell - zoomed) <= 1, `${name} ${demo}: zoom in widens the turns (${zoom} → ${zoomed} px, a cell is ${cell} px)`);
      const twin = await viewer.getAttribute("data-twin");
      if (twin) {
        const shown = await viewer.locator("[data-role=twin-running]").count();
        check(shown === 1, `${name} ${demo}: shows the CPython twin's turn`);
      }
    }
    await page.close();
  }
  console.log(`viewers: ${viewers} programs stepped through on ${viewerPages.join(", ")} (${lap()})`);
  check(viewers >= 10, `viewers: ${viewers} programs stepped through (at least 10 expected)`);
  check(shots === 2, `screenshots: ${shots} of the count_timers viewer in ${artifacts}`);

  // ---- the search finds a chapter-4 term ----------------------------------
  {
    const page = await context.newPage();
    await page.goto(base + "index.html", { waitUntil: "load" });
    await page.locator("#mdbook-search-toggle").click();
    await page.locator("#mdbook-searchbar").fill("create_task_order");
    await page.waitForFunction(() => document.querySelectorAll("#mdbook-searchresults li").length > 0, null, { timeout: 10000 }).catch(() => {});
    const hits = await page.$$eval("#mdbook-searchresults li a", (as) => as.map((a) => a.getAttribute("href")));
    check(hits.some((h) => h.startsWith("ch04-executor.html")), `search: "create_task_order" finds chapter 4 (${hits.slice(0, 3).join(", ")})`);
    await page.close();
  }

  // ---- offline: a chapter opened from file:// plays its viewer ------------
  {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(book, "ch04-executor.html")).href, { waitUntil: "load" });
    const viewer = page.locator("div.aio-trace[data-trace]").first();
    await viewer.locator("[data-role=step]").click();
    check((await viewer.getAttribute("data-turn")) === "2" && errors.length === 0, `file://: the chapter 4 viewer steps to turn 2 (${errors.join(" | ")})`);
    await page.close();
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\nbrowser: ${passed} passed, ${failures.length} failed (${seconds} s)`);
process.exit(failures.length ? 1 : 0);
