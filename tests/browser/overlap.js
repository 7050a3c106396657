() => {
  // Every pair of chart labels (tick labels, axis titles, legend entries, annotations such as "not printed") whose
  // bounding boxes intersect by more than a pixel, per chart; legend entries are one block and not compared among
  // themselves. Used by tests/browser/test_compare.py.
  const found = [];
  const kind = (el) => el.closest('.legend') ? 'legend' : el.closest('.xtick') ? 'xtick' : el.closest('.ytick') ? 'ytick'
    : el.closest('.g-xtitle') ? 'xtitle' : el.closest('.g-ytitle') ? 'ytitle' : el.closest('.g-gtitle') ? 'title' : 'annotation';
  document.querySelectorAll('.atlas-plot').forEach((plot) => {
    const boxes = [];
    plot.querySelectorAll('.xtick text, .ytick text, .legend .traces, .g-xtitle text, .g-ytitle text, .g-gtitle text, .annotation-text').forEach((el, n) => {
      // A label broken into lines (<br>) is measured line by line: the box Chromium gives the whole <text> spans
      // from the first line's anchor, not the glyphs.
      const lines = el.querySelectorAll(':scope > tspan.line');
      (lines.length > 1 ? [...lines] : [el]).forEach((part) => {
        const r = part.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) boxes.push({ k: kind(el), r, t: el.textContent, n });
      });
    });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      if (boxes[i].n === boxes[j].n) continue;  // lines of one label
      if (boxes[i].k === 'legend' && boxes[j].k === 'legend') continue;
      const ix = Math.min(a.right, b.right) - Math.max(a.left, b.left), iy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (ix > 1 && iy > 1) found.push(`${plot.parentNode.id}: ${boxes[i].k} "${boxes[i].t}" × ${boxes[j].k} "${boxes[j].t}"`);
    }
  });
  return found;
}
