// Reaching into the running extension the way a test must: its storage, its service worker.
/** Sets this month's used downloads for the CRM user (the ledger the worker keeps). */
export async function seedQuota(worker, crmUrl, userId, used) {
  const now = new Date();
  const ledger = {
    user: `${crmUrl}#${userId}`,
    month: { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 },
    used,
    committed: [],
    previous: [],
    reserved: [],
  };
  await worker.evaluate(([key, value]) => chrome.storage.local.set({ [key]: value }), [`quota:${ledger.user}`, ledger]);
}

/** Stops every service worker of the browser, as Chrome does after 30 s idle (PRODUCT.md S3). */
export async function stopServiceWorkers(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}
