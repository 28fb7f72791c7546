// The tenant page's part of the configuration, for the entry points (npm start, the API).
import type { Env } from '../env.ts';
import { molliePaymentProvider, type PaymentProvider } from './payment-provider.ts';
import { DEFAULT_MUNICIPALITY_HELP_URL } from './router.ts';

export function tenantAppOptions(env: Env, standinUrl?: string) {
  const provider: PaymentProvider | undefined = env.PAYMENT_PROVIDER_URL
    ? molliePaymentProvider(env.PAYMENT_PROVIDER_URL, env.PAYMENT_PROVIDER_KEY ?? '')
    : standinUrl
      ? molliePaymentProvider(standinUrl, 'test_standin')
      : undefined;
  return {
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    ...(provider ? { paymentProvider: provider } : {}),
    org: { name: env.ORG_NAME, phone: env.ORG_CONTACT_PHONE },
    municipalityHelp: { byCity: env.MUNICIPALITY_HELP_URLS ?? {}, fallback: DEFAULT_MUNICIPALITY_HELP_URL },
  };
}
