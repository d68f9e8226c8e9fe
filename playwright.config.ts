import { defineConfig } from '@playwright/test';
import fs from 'node:fs';

// Debian's Chromium where it is installed (CI and these machines), else Playwright's own browser.
const chromium = process.env.OUTPOST_CHROMIUM ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'browser',
      testMatch: /(browser|tracked-email|honest-opens|bounce|dispatch-control|first-run|crash-recovery|outbox|live|history|export|followups|oauth|own-ips|notifications)\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromium,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
});
