// Drafts and frameworks the browser benchmarks load: the built-in framework ten times over, and
// a draft with every item written from its 范文.
const META = new Set(['地区', '省份', '年度']);

/** The framework ten times over, as crates/core/benches/validate.rs builds it. */
export function tenTimes(framework) {
  const large = structuredClone(framework);
  large.id = `${framework.id}-x10`;
  large.areas = [];
  for (let copy = 0; copy < 10; copy++) {
    for (const area of structuredClone(framework.areas)) {
      area.code = `${area.code}-${copy}`;
      for (const item of area.items) {
        item.code = `${item.code}-${copy}`;
        for (const figure of item.figures ?? []) {
          figure.id = `${figure.id}_${copy}`;
          figure.name = `${figure.name}${copy}`;
          for (const threshold of figure.thresholds ?? []) {
            if (threshold.at_least_figure) threshold.at_least_figure = `${threshold.at_least_figure}_${copy}`;
          }
        }
        if (item.starter) item.starter = item.starter.replace(/\{([^{}]+)\}/g, (all, name) => (META.has(name) ? all : `{${name}${copy}}`));
      }
      large.areas.push(area);
    }
  }
  return large;
}

/** A draft of `framework` with every item written from its 范文, `bytes` of narrative in all. */
export function fullDraft(framework, id, bytes) {
  const items = {};
  const all = framework.areas.flatMap((area) => area.items);
  for (const item of all) {
    const paragraph = `${(item.starter ?? 'xx市无此项工作任务。').replace(/，/g, ',')}\n`;
    items[item.code] = { narrative: bytes ? paragraph.repeat(Math.ceil(bytes / all.length / paragraph.length)) : paragraph.trim() };
  }
  const now = new Date().toISOString();
  return {
    format: 'lvzhi-draft', schema_version: 2, id, name: '', framework: { id: framework.id, version: framework.version },
    meta: { region: '资阳市', level: 'city', province: '四川省', year: '2023', notice_title: framework.notice.title,
      notice_number: framework.notice.number, unit: '资阳市人民政府', date: '2023年3月20日' },
    items, figures: {}, problems: [], measures: [], created_at: now, updated_at: now,
  };
}

