// The bench baseline's service worker (issue #7): one POST /api/v1/lookup per message, to the CRM
// the bench harness wrote into chrome.storage.local (`crmUrl`, optional `token`). No cache, so
// every badge costs one CRM round trip (the bench clears our cache too, to compare like with like).
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.type !== 'lookup') return false;
  lookup(message.publicId).then(sendResponse, () => sendResponse({ state: 'error' }));
  return true;
});

async function lookup(publicId) {
  const { crmUrl, token = 'tb-demo-riley' } = await chrome.storage.local.get(['crmUrl', 'token']);
  if (!crmUrl) return { state: 'signed-out' };
  const res = await fetch(`${crmUrl}/api/v1/lookup`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      profiles: [
        { ref: '0', public_id: publicId, profile_url: `https://www.linkedin.com/in/${encodeURIComponent(publicId)}/` },
      ],
    }),
  });
  if (!res.ok) return { state: res.status === 401 ? 'signed-out' : 'error' };
  const { results } = await res.json();
  const matches = results?.[0]?.matches?.length ?? 0;
  return { state: matches === 0 ? 'not-in-crm' : matches === 1 ? 'in-crm' : 'multiple' };
}
