import pino from 'pino';

/** One structured logger for the process; requests log through a child with their id. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: undefined,
  redact: ['req.headers.cookie', 'res.headers["set-cookie"]', 'password', '*.password'],
});
