// Picks the adapter per partner: the handover record by default, the partner's HTTP intake
// when configured (the municipality's early-signal point, the bailiff's office).
import type { Partner } from '../../definition/catalog.ts';
import { httpPartnerAdapter } from './http-partner.ts';
import { recordOnly, type PartnerAdapter } from './partner.ts';

export type PartnerConfig = {
  MUNICIPALITY_SIGNAL_URL?: string;
  MUNICIPALITY_SIGNAL_TOKEN?: string;
  BAILIFF_API_URL?: string;
  BAILIFF_API_TOKEN?: string;
};

export type PartnerAdapters = Record<Partner, PartnerAdapter>;

export function partnerAdapters(config: PartnerConfig): PartnerAdapters {
  return {
    'municipality-signal': config.MUNICIPALITY_SIGNAL_URL ? httpPartnerAdapter('municipality', config.MUNICIPALITY_SIGNAL_URL, config.MUNICIPALITY_SIGNAL_TOKEN) : recordOnly,
    bailiff: config.BAILIFF_API_URL ? httpPartnerAdapter('bailiff', config.BAILIFF_API_URL, config.BAILIFF_API_TOKEN) : recordOnly,
    'debt-help': recordOnly,
    'neighbourhood-team': recordOnly,
    'budget-coach': recordOnly,
  };
}
