// Runs code inside the content script's isolated world of a page, over CDP — the test's way of
// acting as (or as an attacker inside) the content script.
export async function inContentScript(context, page, expression) {
  const cdp = await context.newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context: c }) => contexts.push(c));
  const { frameTree } = await cdp.send('Page.getFrameTree');
  await cdp.send('Runtime.enable');
  // The top document's content-script world: not an isolated world of one of our frames (frame
  // mode; `ourUi` makes its own there), which goes away whenever the frame does.
  const world = contexts.find(
    (c) =>
      c.auxData?.type === 'isolated' &&
      c.auxData?.frameId === frameTree.frame.id &&
      c.origin?.startsWith('chrome-extension://') &&
      c.name !== 'talent-bridge-test',
  );
  if (!world) throw new Error('no content-script world on this page');
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (exceptionDetails) return { error: exceptionDetails.exception?.description || exceptionDetails.text };
  return { value: result.value };
}
