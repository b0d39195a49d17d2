// The reference CRM's API, as a test reads it to check what the extension wrote.
export function crmApi(crm, token = 'tb-demo-riley') {
  const call = async (method, path, body) => {
    const res = await fetch(`${crm.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    me: async () => (await call('GET', '/api/v1/me')).body,
    /** Counts `used` downloads this month at the CRM (issue #18: the CRM's count is the count). */
    seedUsage: async (used) => {
      for (let i = 0; i < used; i += 1) {
        const res = await call('POST', `/api/v1/usage/reservations/seed-${i}/commit`);
        if (res.status !== 200) throw new Error(`seeding usage: ${res.status}`);
      }
    },
    usage: async () => (await call('GET', '/api/v1/usage')).body,
    /** Creates a contact as the extension would (`ContactWrite`); answers its card. */
    createContact: async (write) => {
      const res = await fetch(`${crm.url}/api/v1/contacts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `test-${Date.now()}-${Math.random()}` },
        body: JSON.stringify({ creation_source: 'Extension', ...write }),
      });
      if (res.status !== 201) throw new Error(`creating a contact: ${res.status} ${await res.text()}`);
      return res.json();
    },
    contact: async (id) => (await call('GET', `/api/v1/contacts/${id}`)).body,
    /** Every contact matching a public id, as the lookup answers. */
    matches: async (publicId) => {
      const res = await call('POST', '/api/v1/lookup', { profiles: [{ ref: '0', public_id: publicId }] });
      return res.body.results[0].matches.map((m) => m.contact);
    },
    attachments: async (id) => (await call('GET', `/api/v1/contacts/${id}/attachments`)).body,
    attachmentBytes: async (attachmentId) => {
      const res = await fetch(`${crm.url}/api/v1/attachments/${attachmentId}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return Buffer.from(await res.arrayBuffer());
    },
    pools: async (q = '') => (await call('GET', `/api/v1/pools?q=${encodeURIComponent(q)}`)).body.pools,
    vacancies: async (q = '') => (await call('GET', `/api/v1/vacancies?q=${encodeURIComponent(q)}`)).body.vacancies,
  };
}
