export { createActivities, type ActivityDeps } from './case-activities.ts';
export { channelAdapters, type ChannelConfig } from './channels/index.ts';
