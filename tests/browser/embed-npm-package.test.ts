// The npm path end to end: `npm pack` the built package, install the tarball into a fixture React
// app (offline, from npm's cache; react stays the root's single copy), build the app with Vite, and
// stream a reply in Chromium through `Chat` from "rivulet/react" and `mount` from "rivulet/embed".
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, launchChromium } from "../helpers/browser.js";
import { streamsAndStops } from "./embed-chat-flow.js";
import { startEmbedServer, type EmbedTestServer } from "./embed-test-server.js";

const fixture = resolve("tests/fixtures/npm-app");
const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("rivulet installed from its tarball into a Vite React app", () => {
  let browser: Browser;
  let server: EmbedTestServer;
  let outDir: string;

  beforeAll(async () => {
    const packDir = mkdtempSync(join(tmpdir(), "rivulet-pack-"));
    const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", packDir], process.cwd())) as { filename: string }[];
    rmSync(join(fixture, "node_modules"), { recursive: true, force: true });
    // --legacy-peer-deps: react and react-dom are peers, found in the repository's node_modules.
    npm(["install", "--no-save", "--no-package-lock", "--offline", "--legacy-peer-deps", "--ignore-scripts", join(packDir, packed!.filename)], fixture);
    outDir = mkdtempSync(join(tmpdir(), "rivulet-npm-app-"));
    await build({ configFile: join(fixture, "vite.config.ts"), build: { outDir } });
    const html = join(outDir, "index.html");
    const assets: Record<string, string> = { "/": html, "/index.html": html };
    // Every file the build wrote, as a host serves it: the page links some, and the app imports the
    // chunks it loads on demand (the stream decoder, at the first message) by their own URLs.
    for (const file of readdirSync(join(outDir, "assets"))) assets[`/assets/${file}`] = join(outDir, "assets", file);
    [browser, server] = await Promise.all([launchChromium(), startEmbedServer(assets)]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("installed the packed package (not a link to the source) with its public entry points", () => {
    const installed = JSON.parse(readFileSync(join(fixture, "node_modules/rivulet/package.json"), "utf8")) as { exports: Record<string, unknown> };
    expect(Object.keys(installed.exports)).toEqual(expect.arrayContaining([".", "./react", "./embed", "./styles.css", "./package.json"]));
    expect(existsSync(join(fixture, "node_modules/rivulet/src")), "the tarball ships dist/ only").toBe(false);
  });

  it("built the stream decoder as a chunk of its own, which the page does not load before the first message", () => {
    const html = readFileSync(join(outDir, "index.html"), "utf8");
    const initial = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    const holds = (file: string, text: string) => readFileSync(join(outDir, "assets", file), "utf8").includes(text);
    // "message_stop" is the Anthropic adapter's end marker: a string only the decoder has.
    const decoder = readdirSync(join(outDir, "assets")).filter((file) => file.endsWith(".js") && holds(file, "message_stop"));
    expect(initial.length).toBeGreaterThan(0);
    expect(decoder).toHaveLength(1);
    expect(initial).not.toContain(decoder[0]);
  });

  it("streams a reply and stops, in Chat from rivulet/react and in mount from rivulet/embed", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}/`);
    await page.getByText("core loaded").waitFor();
    await streamsAndStops(page.locator(".app-chat"), server);
    await streamsAndStops(page.locator("#embedded"), server);
    // The stylesheet came through "rivulet/styles.css".
    expect(await page.locator(".app-chat .rv-chat").evaluate((el) => getComputedStyle(el).display)).toBe("flex");
    expect(errors).toEqual([]);
    await page.close();
  });
});
