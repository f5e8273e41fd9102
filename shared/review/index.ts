export * from './review-reply';
export * from './parse-review-reply';
export * from './stringify-review-reply';
export * from './match-issue-mark';
export * from './reply-township';
export * from './filed-status-change';
export * from './restore-version-division';
export * from './decision-blockers';
