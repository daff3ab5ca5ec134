/**
 * Turns an estimate into the strings the calculator shows, so that the server (the default
 * result in PricingCalculator.astro) and the browser (every recalculation) print the same thing
 * from one function. Pure.
 */
import type { Lang } from '../lib/i18n.ts';
import { formatUnitPrice, formatUsd } from '../client/pricing.ts';
import { LEGACY_FREE_TIER } from '../client/pricing-data.ts';
import type { Estimate } from './pricing-calculator-model.ts';
import type { CurvePoint } from './pricing-calculator-plot.ts';
import { pricingCalculatorText } from './pricing-calculator-text.ts';

const locales: Record<Lang, string> = { ja: 'ja-JP', en: 'en-US' };

/** A count as people read it: `21,600,000`, `0.5`. Two decimals at most. */
export function formatCount(value: number, lang: Lang): string {
  return value.toLocaleString(locales[lang], { maximumFractionDigits: 2 });
}

/**
 * A count in millions, as the per-million prices are applied: `18`, `21.6`, `0.006`. Up to six
 * decimals, so a small workload does not show as 0.
 */
export function formatMillions(value: number, lang: Lang): string {
  return (value / 1_000_000).toLocaleString(locales[lang], { maximumFractionDigits: 6 });
}

/** An amount in the reader's currency; under one unit, two significant digits so it does not read as zero. */
export function formatConverted(amount: number, currency: string, lang: Lang): string {
  const small = amount > 0 && amount < 1;
  return new Intl.NumberFormat(locales[lang], {
    style: 'currency',
    currency,
    ...(small ? { maximumSignificantDigits: 2 } : {}),
  }).format(amount);
}

/** A users-axis label, short enough for a phone: `2K`, `2万`. */
export function formatUsersTick(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locales[lang], { notation: 'compact', maximumSignificantDigits: 3 }).format(value);
}

/** A cost-axis label: `$20`, `$1.5K`, `$0.002`. */
export function formatUsdTick(value: number): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumSignificantDigits: 3,
  }).format(value);
}

/** The text of every `data-slot` element in the result, by slot name. */
export interface ResultSlots {
  totalLine: string;
  converted: string;
  unconfirmedNote: string;
  messagesStep: string;
  meteringStep: string;
  freeTierStep: string;
  minutesStep: string;
  firstTierCalculation: string;
  firstTierAmount: string;
  overTierCalculation: string;
  overTierAmount: string;
  minutesCalculation: string;
  minutesAmount: string;
  totalAmount: string;
  prices: string;
  lowConfidence: string;
}

/** Which optional parts of the result are shown (`data-show` elements). */
export interface ResultShown {
  converted: boolean;
  unconfirmed: boolean;
  freeTier: boolean;
  lowConfidence: boolean;
}

export interface ResultView {
  slots: ResultSlots;
  show: ResultShown;
}

export function resultView(estimate: Estimate, lang: Lang): ResultView {
  const text = pricingCalculatorText[lang];
  const count = (value: number) => formatCount(value, lang);
  const millions = (value: number) => formatMillions(value, lang);
  const { inputs, gross, billed } = estimate;
  const { prices } = billed.cost;
  const unconfirmed = billed.cost.usesUnconfirmedPrice;
  const overPrice = prices.messagesPerMillionOver1B;
  const firstPrice = formatUnitPrice(prices.messagesPerMillion);
  const rate = inputs.rate;
  return {
    slots: {
      totalLine:
        text.totalLine(
          formatUsd(billed.cost.totalUsd),
          formatUsd(billed.cost.messagesUsd),
          formatUsd(billed.cost.connectionMinutesUsd),
        ) + (unconfirmed ? text.totalUnconfirmed : ''),
      converted:
        estimate.converted === null || rate === null
          ? ''
          : text.converted(
              formatConverted(estimate.converted, inputs.currency, lang),
              rate.toLocaleString(locales[lang], { maximumFractionDigits: 6 }),
              inputs.currency,
            ),
      unconfirmedNote: text.unconfirmedNote(inputs.region, firstPrice),
      messagesStep: text.messagesStep(
        count(inputs.users),
        count(inputs.sentPerDay),
        count(inputs.receivedPerDay),
        count(inputs.days),
        count(estimate.messages),
      ),
      meteringStep: text.meteringStep(
        count(inputs.messageKb),
        count(estimate.billedPerMessage),
        count(estimate.messages),
        count(gross.cost.billedMessages),
      ),
      freeTierStep: text.freeTierStep(
        count(gross.cost.billedMessages - billed.cost.billedMessages),
        count(billed.cost.billedMessages),
        count(gross.connectionMinutes - billed.connectionMinutes),
        count(billed.connectionMinutes),
      ),
      minutesStep: text.minutesStep(
        count(inputs.users),
        count(inputs.connectedPerDay),
        inputs.connectedUnit,
        count(inputs.days),
        count(gross.connectionMinutes),
      ),
      firstTierCalculation: `${millions(billed.firstTierMessages)} × ${firstPrice}`,
      firstTierAmount: formatUsd(billed.firstTierUsd),
      overTierCalculation: `${millions(billed.overTierMessages)} × ${overPrice === null ? text.unknownPrice(firstPrice) : formatUnitPrice(overPrice)}`,
      overTierAmount: formatUsd(billed.overTierUsd) + (unconfirmed ? ' ⚠' : ''),
      minutesCalculation: `${millions(billed.connectionMinutes)} × ${formatUnitPrice(prices.connectionMinutesPerMillion)}`,
      minutesAmount: formatUsd(billed.cost.connectionMinutesUsd),
      totalAmount: formatUsd(billed.cost.totalUsd) + (unconfirmed ? ' ⚠' : ''),
      prices: text.prices(prices.region, prices.source, prices.checked),
      lowConfidence: text.lowConfidence,
    },
    show: {
      converted: estimate.converted !== null,
      unconfirmed,
      freeTier: inputs.legacyFreeTier,
      lowConfidence: prices.confidence !== 'H',
    },
  };
}

/** The words of the free-tier hint, with the allowance from the pricing data. */
export function freeTierHint(lang: Lang): string {
  return pricingCalculatorText[lang].freeTierHint(
    formatCount(LEGACY_FREE_TIER.messages, lang),
    formatCount(LEGACY_FREE_TIER.connectionMinutes, lang),
  );
}

export interface PlotRow {
  users: string;
  usd: string;
  converted: string;
  current: boolean;
  unconfirmed: boolean;
}

export interface PlotView {
  summary: string;
  /** Header of the converted column; null when the reader set no rate. */
  convertedHeader: string | null;
  rows: PlotRow[];
}

/** The plot's text alternative: a one-sentence summary and a row per point. */
export function plotView(curve: CurvePoint[], currency: string, lang: Lang): PlotView {
  const text = pricingCalculatorText[lang];
  const count = (value: number) => formatCount(value, lang);
  const first = curve[0];
  const last = curve.at(-1);
  const current = curve.find((point) => point.current);
  const summary =
    first && last && current
      ? text.plotSummary(
          count(first.users),
          count(last.users),
          formatUsd(first.totalUsd),
          formatUsd(last.totalUsd),
          count(current.users),
          formatUsd(current.totalUsd),
        ) + (curve.some((point) => point.usesUnconfirmedPrice) ? ` ${text.plotUnconfirmed}` : '')
      : '';
  const converting = curve.some((point) => point.converted !== null);
  return {
    summary,
    convertedHeader: converting ? text.convertedHeader(currency) : null,
    rows: curve.map((point) => ({
      users: count(point.users) + (point.current ? text.yourRow : ''),
      usd: formatUsd(point.totalUsd) + (point.usesUnconfirmedPrice ? ` ${text.unconfirmedMark}` : ''),
      converted: point.converted === null ? '' : formatConverted(point.converted, currency, lang),
      current: point.current,
      unconfirmed: point.usesUnconfirmedPrice,
    })),
  };
}
