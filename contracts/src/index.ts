export * from './audit.ts';
export * from './auth.ts';
export * from './calendar.ts';
export * from './centers.ts';
export * from './errors.ts';
export * from './jobs.ts';
export * from './roles.ts';
export * from './staff.ts';
