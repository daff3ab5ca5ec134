import { formatUsd } from '../client/pricing.ts';
import type { Lang } from '../lib/i18n.ts';
import {
  DEFAULT_INPUTS,
  FIELDS,
  convertConnected,
  estimate,
  isNumericField,
  limitOf,
  parseInputs,
  restoreInputs,
  toRaw,
  type CalculatorInputs,
  type ConnectedUnit,
  type FieldError,
  type RawInputs,
} from './pricing-calculator-model.ts';
import { costCurve, plotGeometry, type CurvePoint } from './pricing-calculator-plot.ts';
import { pricingCalculatorText, type PricingCalculatorText } from './pricing-calculator-text.ts';
import {
  formatCount,
  formatUsdTick,
  formatUsersTick,
  plotView,
  resultView,
  type ResultShown,
  type ResultSlots,
} from './pricing-calculator-view.ts';

const STORAGE_KEY = 'apigw-tutorial:pricing-calculator';
const SVG_NS = 'http://www.w3.org/2000/svg';

function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-pricing-calculator> has no ${type.name} [data-part="${name}"]`);
  return element;
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function save(inputs: CalculatorInputs): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(toRaw(inputs)));
  } catch {
    // Storage blocked or full: the calculator works the same, it just forgets.
  }
}

function forget(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}

function svg<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The browser half of PricingCalculator.astro: recomputes the server-rendered result as the reader types. */
class ApigwPricingCalculator extends HTMLElement {
  #lifetime: AbortController | null = null;
  #resize: ResizeObserver | null = null;
  #lang: Lang = 'ja';
  #text: PricingCalculatorText = pricingCalculatorText.ja;
  /** The unit the time field's number is in, so a change of unit can convert it. */
  #unit: ConnectedUnit = DEFAULT_INPUTS.connectedUnit;
  /** What the plot last drew, to redraw it when its width changes. */
  #curve: CurvePoint[] = [];
  #plotWidth = 0;

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    this.#lang = this.dataset.lang === 'en' ? 'en' : 'ja';
    this.#text = pricingCalculatorText[this.#lang];
    const form = part(this, 'form', HTMLFormElement);

    const saved = restoreInputs(readSaved());
    if (saved !== null) this.#fill(saved);

    form.addEventListener(
      'input',
      (event) => {
        if (event.target instanceof HTMLSelectElement && event.target.name === 'connectedUnit') this.#convertTime(event.target);
        this.#recalculate();
      },
      { signal },
    );
    // Enter in a field must not reload the page.
    form.addEventListener('submit', (event) => event.preventDefault(), { signal });
    part(this, 'reset', HTMLButtonElement).addEventListener(
      'click',
      () => {
        forget();
        this.#fill(DEFAULT_INPUTS);
        this.#recalculate();
      },
      { signal },
    );

    const plotArea = part(this, 'plot-area', HTMLElement);
    this.#resize = new ResizeObserver(() => {
      if (Math.round(plotArea.clientWidth) !== this.#plotWidth) this.#drawPlot();
    });
    this.#resize.observe(plotArea);

    part(this, 'fields', HTMLFieldSetElement).disabled = false;
    this.#recalculate();
  }

  disconnectedCallback(): void {
    this.#resize?.disconnect();
    this.#resize = null;
    this.#lifetime?.abort();
    this.#lifetime = null;
  }

  #field(name: string): HTMLInputElement | HTMLSelectElement | null {
    const element = part(this, 'form', HTMLFormElement).elements.namedItem(name);
    return element instanceof HTMLInputElement || element instanceof HTMLSelectElement ? element : null;
  }

  #readRaw(): RawInputs {
    const raw = toRaw(DEFAULT_INPUTS);
    for (const name of FIELDS) {
      const element = this.#field(name);
      if (element instanceof HTMLInputElement && element.type === 'checkbox') raw[name] = element.checked ? 'on' : '';
      else if (element !== null) raw[name] = element.value;
    }
    return raw;
  }

  #fill(inputs: CalculatorInputs): void {
    const raw = toRaw(inputs);
    for (const name of FIELDS) {
      const element = this.#field(name);
      if (element instanceof HTMLInputElement && element.type === 'checkbox') element.checked = raw[name] === 'on';
      else if (element !== null) element.value = raw[name];
    }
    this.#unit = inputs.connectedUnit;
  }

  /** 12 hours become 720 minutes when the reader switches the unit, so the result does not jump. */
  #convertTime(unitSelect: HTMLSelectElement): void {
    const to: ConnectedUnit = unitSelect.value === 'minutes' ? 'minutes' : 'hours';
    const time = this.#field('connectedPerDay');
    if (to !== this.#unit && time !== null) {
      const converted = convertConnected(time.value, to);
      if (converted !== null) time.value = converted;
    }
    this.#unit = to;
  }

  /** Checks the fields; shows what is wrong, or the new result. A wrong field leaves the last result standing. */
  #recalculate(): void {
    const raw = this.#readRaw();
    const parsed = parseInputs(raw);
    this.#showErrors(parsed.ok ? [] : parsed.errors, raw.connectedUnit === 'minutes' ? 'minutes' : 'hours');
    if (!parsed.ok) return;
    save(parsed.inputs);
    this.#render(parsed.inputs);
  }

  #showErrors(errors: FieldError[], unit: ConnectedUnit): void {
    const text = this.#text;
    const message = (error: FieldError) =>
      text.problem(
        error.field,
        error.problem,
        unit,
        isNumericField(error.field) ? formatCount(limitOf(error.field, unit).max, this.#lang) : '',
      );
    for (const element of this.querySelectorAll<HTMLElement>('[data-error-for]')) {
      const error = errors.find((candidate) => candidate.field === element.dataset.errorFor);
      element.textContent = error ? `⚠ ${message(error)}` : '';
      element.hidden = error === undefined;
      const field = this.#field(element.dataset.errorFor ?? '');
      if (error) field?.setAttribute('aria-invalid', 'true');
      else field?.removeAttribute('aria-invalid');
    }
    const notice = part(this, 'invalid', HTMLElement);
    const list = part(notice, 'invalid-list', HTMLUListElement);
    list.replaceChildren(
      ...errors.map((error) => {
        const item = document.createElement('li');
        item.textContent = `${text.fieldNames[error.field]}: ${message(error)}`;
        return item;
      }),
    );
    notice.hidden = errors.length === 0;
  }

  #render(inputs: CalculatorInputs): void {
    const { slots, show } = resultView(estimate(inputs), this.#lang);
    // Only touch what changed, so the live region announces the result and not every keystroke twice.
    for (const element of this.querySelectorAll<HTMLElement>('[data-slot]')) {
      const value = slots[element.dataset.slot as keyof ResultSlots] ?? '';
      if (element.textContent !== value) element.textContent = value;
    }
    for (const element of this.querySelectorAll<HTMLElement>('[data-show]')) {
      element.hidden = !show[element.dataset.show as keyof ResultShown];
    }

    this.#curve = costCurve(inputs);
    this.#renderPlotText(inputs.currency);
    this.#drawPlot();
  }

  /** The plot's text alternative: the summary under the title and a table row per point. */
  #renderPlotText(currency: string): void {
    const view = plotView(this.#curve, currency, this.#lang);
    part(this, 'plot-summary', HTMLElement).textContent = view.summary;
    const header = (label: string) => {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.textContent = label;
      return cell;
    };
    part(this, 'plot-head', HTMLTableRowElement).replaceChildren(
      header(this.#text.usersHeader),
      header(this.#text.usdHeader),
      ...(view.convertedHeader === null ? [] : [header(view.convertedHeader)]),
    );
    part(this, 'plot-rows', HTMLTableSectionElement).replaceChildren(
      ...view.rows.map((row) => {
        const tr = document.createElement('tr');
        if (row.current) tr.dataset.current = 'true';
        const users = document.createElement('th');
        users.scope = 'row';
        users.className = 'number';
        users.textContent = row.users;
        const usd = document.createElement('td');
        usd.className = 'number';
        usd.textContent = row.usd;
        tr.append(users, usd);
        if (view.convertedHeader !== null) {
          const converted = document.createElement('td');
          converted.className = 'number';
          converted.textContent = row.converted;
          tr.append(converted);
        }
        return tr;
      }),
    );
  }

  /** Draws the curve as SVG with DOM methods, at the width the page gives it. */
  #drawPlot(): void {
    const text = this.#text;
    const area = part(this, 'plot-area', HTMLElement);
    const width = Math.round(area.clientWidth) || 480;
    this.#plotWidth = Math.round(area.clientWidth);
    if (this.#curve.length === 0) return;
    const height = width < 420 ? 240 : 280;
    const plot = plotGeometry(this.#curve, width, height);
    const { left, right, top, bottom } = plot.area;

    const root = svg('svg', {
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-label': text.plotTitle,
      'aria-describedby': `${this.dataset.id ?? 'pricing-calculator'}-plot-summary`,
    });

    for (const tick of plot.yTicks) {
      root.append(svg('line', { class: 'grid-line', x1: left, x2: right, y1: tick.at, y2: tick.at }));
      root.append(
        svg('text', { x: left - 8, y: tick.at, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, formatUsdTick(tick.value)),
      );
    }
    for (const tick of plot.xTicks) {
      root.append(svg('line', { class: 'axis', x1: tick.at, x2: tick.at, y1: bottom, y2: bottom + 5 }));
      root.append(svg('text', { x: tick.at, y: bottom + 18, 'text-anchor': 'middle' }, formatUsersTick(tick.value, this.#lang)));
    }
    root.append(svg('line', { class: 'axis', x1: left, x2: left, y1: top, y2: bottom }));
    root.append(svg('line', { class: 'axis', x1: left, x2: right, y1: bottom, y2: bottom }));
    root.append(svg('text', { class: 'axis-title', x: (left + right) / 2, y: height - 6, 'text-anchor': 'middle' }, text.xAxis));
    root.append(
      svg(
        'text',
        {
          class: 'axis-title',
          x: 0,
          y: 0,
          'text-anchor': 'middle',
          transform: `translate(14 ${(top + bottom) / 2}) rotate(-90)`,
        },
        text.yAxis,
      ),
    );

    root.append(svg('polyline', { class: 'curve', points: plot.points.map((point) => `${point.x},${point.y}`).join(' ') }));

    for (const point of plot.points) {
      const label = text.pointTitle(formatCount(point.users, this.#lang), formatUsd(point.totalUsd));
      // Shape as well as colour: a triangle marks a point that rests on an unconfirmed price.
      const marker = point.usesUnconfirmedPrice
        ? svg('polygon', {
            class: 'point point-unconfirmed',
            points: `${point.x},${point.y - 5} ${point.x + 5},${point.y + 4} ${point.x - 5},${point.y + 4}`,
          })
        : svg('circle', { class: 'point', cx: point.x, cy: point.y, r: 3.5 });
      marker.setAttribute('data-point', String(point.users));
      marker.append(svg('title', {}, label));
      root.append(marker);
    }

    const current = plot.points.find((point) => point.current);
    if (current) {
      root.append(svg('circle', { class: 'point-current', cx: current.x, cy: current.y, r: 7 }));
      const anchor = current.x > right - 70 ? 'end' : current.x < left + 70 ? 'start' : 'middle';
      root.append(
        svg(
          'text',
          { class: 'current-label', x: current.x, y: current.y - 12, 'text-anchor': anchor },
          text.yourPoint(formatCount(current.users, this.#lang)),
        ),
      );
    }

    area.replaceChildren(root);
  }
}

customElements.define('apigw-pricing-calculator', ApigwPricingCalculator);
