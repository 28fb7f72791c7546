// The worker's workflow bundle entry: only workflow functions are exported here.
export { arrearsCase } from './case-workflow.ts';
export { privacyRetention } from './retention.ts';
export { arrearsIntake } from './intake.ts';
export { preventionCampaign } from './prevention-campaign.ts';
