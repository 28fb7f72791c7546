export { createActivities, type ActivityDeps } from './case-activities.ts';
export { channelAdapters, type ChannelConfig } from './channels/index.ts';
export { partnerAdapters, type PartnerConfig } from './partners/index.ts';
