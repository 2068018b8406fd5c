/* global window, document, requestAnimationFrame, MutationObserver */
/**
 * The in-page stopwatch of the UI benchmark (tests/bench/ui.ts), installed before the console's
 * own scripts with page.addInitScript. Plain browser JavaScript, loaded from this file: functions
 * handed to page.evaluate from a tsx process carry tsx's `__name` helper, which the page lacks.
 *
 * `arm(spec)` starts a measurement: it records the time stamp of every `spec.trigger` event
 * (capture phase, so the app cannot hide it) and watches the DOM until the elements matching
 * `spec.selector` show what is expected: exactly `spec.count` of them, and/or the first ones
 * reading `spec.values` (their `spec.attribute`, or their text; with `spec.anyOrder`, all of
 * them, in any order). `result()` then resolves with
 * the milliseconds from the last trigger event before that moment to the end of the frame that
 * first showed it (requestAnimationFrame runs before the frame is painted; a message posted
 * from there is handled after it). Both ends are read on the page's own clock.
 */
(() => {
  let pending = null;

  function read(node, attribute) {
    return attribute ? node.getAttribute(attribute) : node.textContent.trim();
  }

  function shows(spec) {
    const nodes = [...document.querySelectorAll(spec.selector)];
    if (spec.count !== undefined && nodes.length !== spec.count) return false;
    if (!spec.values) return true;
    if (spec.anyOrder) {
      const shown = nodes.map((node) => read(node, spec.attribute)).sort();
      return shown.length === spec.values.length && [...spec.values].sort().every((value, i) => shown[i] === value);
    }
    return nodes.length >= spec.values.length && spec.values.every((value, i) => read(nodes[i], spec.attribute) === value);
  }

  function describe(spec) {
    const nodes = [...document.querySelectorAll(spec.selector)];
    return `${nodes.length} match(es), first: ${JSON.stringify(nodes.slice(0, 5).map((n) => read(n, spec.attribute)))}`;
  }

  function arm(spec) {
    let triggeredAt = null;
    const onTrigger = (event) => {
      triggeredAt = event.timeStamp;
    };
    window.addEventListener(spec.trigger, onTrigger, true);
    pending = new Promise((resolve, reject) => {
      const finish = () => {
        observer.disconnect();
        clearTimeout(timer);
        window.removeEventListener(spec.trigger, onTrigger, true);
      };
      const observer = new MutationObserver(() => {
        if (triggeredAt === null || !shows(spec)) return;
        finish();
        const start = triggeredAt;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - start);
          channel.port2.postMessage(null);
        });
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${spec.selector} did not show ${JSON.stringify(spec.values ?? spec.count)} within ${spec.timeoutMs} ms (${triggeredAt === null ? `no ${spec.trigger} event; ` : ''}${describe(spec)})`));
      }, spec.timeoutMs);
    });
    // A rejection is reported by result(); until then it is not unhandled.
    pending.catch(() => undefined);
  }

  window.__uiBench = { arm, result: () => pending };
})();
