// Driving the VS Code workbench in headless Chromium: open, wait for it, run palette commands, read the status
// bar, handle notifications, take screenshots. Selectors are VS Code's own DOM classes.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { CHROMIUM, E2E_NODE_MODULES, SCREENSHOTS } from './paths.mjs';
import { waitFor } from './wait.mjs';

const require = createRequire(path.join(E2E_NODE_MODULES, 'noop.js'));
const { chromium } = require('playwright-core');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Screenshot settle time: long enough for a toast's fade-in, the one fixed wait the suite has. */
const SCREENSHOT_SETTLE_MS = 800;

export class Workbench {
  constructor(browser, page, scenario) {
    this.browser = browser;
    this.page = page;
    this.scenario = scenario;
    this.shots = 0;
    this.consoleErrors = [];
    page.on('console', (message) => { if (message.type() === 'error') this.consoleErrors.push(message.text()); });
  }

  /**
   * Opens `server`'s workbench. `hooks.beforeNavigate(page)` runs before the page loads (expose functions there).
   * `query` is appended to the URL (the workspace folder is always set).
   */
  static async open(server, scenario, { query = '', beforeNavigate } = {}) {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const workbench = new Workbench(browser, page, scenario);
    // Every toast that ever appears is recorded (text, and whether it showed progress): a fast repair's progress
    // notification may be gone before a poll would see it.
    await page.addInitScript(() => {
      window.__venvDoctorToasts = [];
      const record = () => {
        for (const item of document.querySelectorAll('.notification-list-item')) {
          const text = item.innerText.trim();
          // The progress bar is rendered next to the item, in the same list row.
          const progress = !!(item.parentElement ?? item).querySelector(
            '.monaco-progress-container.active, .monaco-progress-container.infinite, .monaco-progress-container.discrete');
          const last = window.__venvDoctorToasts.find((t) => t.text === text);
          if (!last) window.__venvDoctorToasts.push({ text, progress });
          else if (progress) last.progress = true;
        }
      };
      new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    if (beforeNavigate) await beforeNavigate(page);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.folder)}${query}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
    return workbench;
  }

  async close() {
    await this.browser.close().catch(() => {});
  }

  /** Saves artifacts/e2e/screenshots/<scenario>-NN-<step>.png. */
  async screenshot(step) {
    await delay(SCREENSHOT_SETTLE_MS);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const n = String(++this.shots).padStart(2, '0');
    const file = path.join(SCREENSHOTS, `${this.scenario}-${n}-${step.replace(/[^\w.-]+/g, '_')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** The status-bar entry VS Code made for an extension's item: its element id is "<extension id>.<item id>". */
  statusItem(extensionId, itemId) {
    return this.page.locator(`.statusbar-item[id="${`${extensionId}.${itemId}`.toLowerCase()}"], .statusbar-item[id="${extensionId}.${itemId}"]`).first();
  }

  /** Waits until the status item's visible text matches `pattern`; returns the text. */
  async waitForStatusText(item, pattern, timeoutMs = 30000) {
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = (await item.innerText().catch(() => '')).trim();
      const label = (await item.locator('a').first().getAttribute('aria-label').catch(() => '')) ?? '';
      if (pattern.test(text) || pattern.test(label)) return text || label;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`status item text ${JSON.stringify(text)} did not match ${pattern} within ${timeoutMs} ms`);
  }

  async openCommandPalette() {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    return input;
  }

  /** Runs a palette command by its full title ("Category: Title"); waits until the palette closed. */
  async runCommand(fullTitle) {
    const input = await this.openCommandPalette();
    await input.fill(`>${fullTitle}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: fullTitle }).first();
    await row.waitFor({ state: 'visible', timeout: 10000 });
    await input.press('Enter');
    // The palette is gone once its ">" query is: either the widget hid, or the command opened its own picker.
    await this.page.waitForFunction(() => {
      const widget = document.querySelector('.quick-input-widget');
      const field = widget?.querySelector('input');
      return !widget || widget.style.display === 'none' || !field || !field.value.startsWith('>');
    }, undefined, { timeout: 10000 });
  }

  /** Rows currently shown in the quick pick (label and description text of each). */
  async quickPickRows({ timeoutMs = 15000, minRows = 1 } = {}) {
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await this.page.waitForFunction((n) =>
      document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row').length >= n, minRows,
    { timeout: timeoutMs });
    return rows.allInnerTexts();
  }

  async closeQuickInput() {
    if (await this.page.locator('.quick-input-widget').isVisible()) await this.page.keyboard.press('Escape');
  }

  /** Waits for a notification toast whose text matches `pattern`; returns its locator. */
  async waitForNotification(pattern, timeoutMs = 30000) {
    const toast = this.page.locator('.notifications-toasts .notification-list-item', { hasText: pattern }).first();
    await toast.waitFor({ state: 'visible', timeout: timeoutMs });
    return toast;
  }

  /** Every notification toast text now on screen. */
  async notificationTexts() {
    return this.page.locator('.notifications-toasts .notification-list-item').allInnerTexts();
  }

  /** Every toast seen since the page opened: [{ text, progress }]. */
  async seenNotifications() {
    return this.page.evaluate(() => window.__venvDoctorToasts ?? []);
  }

  /** Codicon names shown in an element (`$(error)` renders as .codicon-error): health is shown by icon. */
  async codicons(locator) {
    return locator.evaluate((el) => [...el.querySelectorAll('.codicon')].flatMap((c) =>
      [...c.classList].filter((k) => k.startsWith('codicon-')).map((k) => k.slice('codicon-'.length))));
  }

  /** The modal dialog, when one is open (showWarningMessage with { modal: true }). */
  dialog() {
    return this.page.locator('.monaco-dialog-box').first();
  }

  async clickDialogButton(label) {
    await this.dialog().locator('.monaco-button', { hasText: label }).first().click();
  }

  /** Visible rows of the open quick pick, as locators. */
  quickPickRowLocator(hasText) {
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', hasText ? { hasText } : {});
  }

  async isQuickInputOpen() {
    return this.page.locator('.quick-input-widget').isVisible();
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), as a user would; returns the editor locator. */
  async openFileByQuickOpen(relativePath) {
    await this.page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(relativePath);
    await this.quickPickRowLocator(path.basename(relativePath)).first().waitFor({ state: 'visible', timeout: 15000 });
    await input.press('Enter');
    const editor = this.page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ state: 'visible', timeout: 15000 });
    return editor;
  }

  /** The first diagnostic squiggle in `editor` (any severity). */
  squiggle(editor) {
    return editor.locator('.squiggly-warning, .squiggly-error, .squiggly-info').first();
  }

  /**
   * Puts the cursor on the first squiggle, opens Quick Fix (Ctrl+.) and applies the action matching `pattern`;
   * returns once `isOnDisk()` says the edited file holds the change.
   */
  async applyQuickFix(editor, pattern, isOnDisk, { screenshotStep = 'quick-fix' } = {}) {
    const squiggle = this.squiggle(editor);
    const fix = this.page.locator('.action-widget .monaco-list-row', { hasText: pattern }).first();
    // The code-action request races the click that moves the cursor; ask again until the list shows the fix.
    await waitFor(`a quick fix matching ${pattern}`, async () => {
      await squiggle.click({ force: true });
      await this.page.keyboard.press('Control+Period');
      try {
        await fix.waitFor({ state: 'visible', timeout: 4000 });
        return true;
      } catch {
        await this.page.keyboard.press('Escape');
        return false;
      }
    }, { timeoutMs: 30000, intervalMs: 200 });
    await this.screenshot(screenshotStep);
    // The action list applies its focused row on Enter; hovering a row focuses it.
    await fix.hover();
    await this.page.keyboard.press('Enter');
    await this.screenshot(`${screenshotStep}-applied`);
    // VS Code saves files that a code action edits (files.refactoring.autoSave); when it does not, save here.
    await waitFor('the quick fix to be on disk', async () => {
      if (await isOnDisk()) return true;
      if ((await this.page.locator('.tabs-container .tab.dirty').count()) > 0) await this.page.keyboard.press('Control+S');
      return false;
    }, { timeoutMs: 15000, intervalMs: 200 });
  }

  /** A view's pane (in any side bar container), found by its title. */
  viewPane(title) {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: title }) }).first();
  }

  /** Opens a collapsed view pane by clicking its header, as a user does. */
  async expandViewPane(pane) {
    const header = pane.locator('.pane-header').first();
    await header.waitFor({ state: 'visible', timeout: 30000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await waitFor('the view pane to open', async () => (await header.getAttribute('aria-expanded')) === 'true', { timeoutMs: 10000 });
  }

  /** Drags the side bar's edge so it is `width` pixels wide (long tree labels then show whole in screenshots). */
  async widenSideBar(width) {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** A tree row in `pane` whose text matches `hasText`. */
  treeRow(pane, hasText) {
    return pane.locator('.monaco-list-row', { hasText }).first();
  }

  /** Clicks a row's inline action (shown on hover) by its title, e.g. "Repair…". */
  async clickInlineAction(row, title) {
    await row.hover();
    const action = row.locator(`.actions .action-label[aria-label="${title}"]`).first();
    await action.waitFor({ state: 'visible', timeout: 10000 });
    await action.click();
  }

  /** The text of every frame but the workbench's own (webviews such as the Markdown preview render in frames). */
  async frameTexts() {
    const texts = [];
    for (const frame of this.page.frames().filter((f) => f !== this.page.mainFrame())) {
      texts.push(await frame.evaluate(() => document.body?.innerText ?? '').catch(() => ''));
    }
    return texts;
  }

  /** The multi-file diff editor (vscode.changes), when one is open. */
  multiDiffEditor() {
    return this.page.locator('.monaco-component.multiDiffEditor').first();
  }

  async clickNotificationButton(toast, label) {
    await toast.hover();
    await toast.locator('.monaco-button', { hasText: label }).first().click();
  }
}

/**
 * Answers whatever a flow puts up until `done()` returns truthy: a modal dialog gets `dialogButton`, a quick pick
 * gets the first row matching one of `pick` (in order of preference). Returns done()'s value.
 */
export async function driveUntil(wb, what, done, { dialogButton = 'Apply repair', pick = [], timeoutMs = 120000 } = {}) {
  return waitFor(what, async () => {
    const result = await done();
    if (result) return result;
    if (await wb.dialog().isVisible().catch(() => false)) {
      await wb.screenshot('confirm-dialog');
      await wb.clickDialogButton(dialogButton);
      return undefined;
    }
    if (await wb.isQuickInputOpen()) {
      for (const pattern of pick) {
        const row = wb.quickPickRowLocator(pattern).first();
        if (await row.isVisible().catch(() => false)) {
          await wb.screenshot('picker');
          await row.click();
          return undefined;
        }
      }
    }
    return undefined;
  }, { timeoutMs, intervalMs: 250 });
}
