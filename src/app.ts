import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { RequestMethod, type Type } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { AppModule } from './app.module.js';
import { ERROR_CODES } from './error-codes.js';
import type { AppConfig } from './platform/config/app-config.js';
import type { Clock } from './platform/clock.js';
import { compressedApiAnswers } from './platform/http/compressed-answers.js';
import { documentErrorCodes } from './platform/http/error-codes.js';
import { documentRouteRefusals } from './platform/http/refusals.js';
import { BODY_LIMITS, refuseDeclaredOversize, refuseHostileInput } from './platform/http/hostile-input.js';
import { readScopes } from './platform/database/read-scope.js';
import { securityHeaders } from './platform/http/security-headers.js';
import { validationPipe } from './platform/http/validation.js';
import { XLSX_TYPE, xlsxTwins } from './platform/http/xlsx.js';
import { portalWords } from './portal/portal-words.js';
import { createLogger, type LogStreams } from './platform/logging/logger.js';

export const API_PREFIX = 'api/v1';

/** The server, built the same way for `npm start`, the CLI and the tests. */
export async function createApp(
  config: AppConfig,
  options: { clock?: Clock; logStreams?: LogStreams } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, clock: options.clock }), {
    logger: createLogger(config.logLevel, options.logStreams),
    bodyParser: false,
    abortOnError: false,
  });
  app.set('trust proxy', 'loopback');
  // GONGZHI_PUBLIC_READS=standby: each request gets a read scope, which read-after.ts routes for a public GET.
  if (config.publicReads === 'standby') app.use(readScopes());
  app.use(securityHeaders());
  app.use(compressedApiAnswers());
  app.use(refuseDeclaredOversize());
  app.use(express.json({ limit: BODY_LIMITS.json }));
  app.use(express.text({ type: ['text/csv', 'text/plain'], limit: BODY_LIMITS.text }));
  app.use(express.raw({ type: XLSX_TYPE, limit: BODY_LIMITS.text }));
  app.use(refuseHostileInput());
  app.use(xlsxTwins(`/${API_PREFIX}/`, await portalWords()));
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(validationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Gongzhi (共治) API')
      .setDescription(
        'Owners vote, committees account, regulators verify. Amounts are decimal yuan strings, areas decimal m² strings; every write answers its event position.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // Each operation lists the refusals it can answer: its route's @Refusals and what every route of its kind answers.
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type),
  );
  documentRouteRefusals(document, controllers, ERROR_CODES);
  SwaggerModule.setup('api/docs', app, documentErrorCodes(document, ERROR_CODES), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
