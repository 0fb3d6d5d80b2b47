import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Application } from 'express';
import { portalDirectory, portalMiddleware } from './portal-static.js';
import { qrCodeRoute } from './qr-code.js';

/**
 * Serves the residents' portal under `/`. Nest calls onModuleInit after it has registered the API's
 * routes and before its not-found handler, so the portal's handlers sit exactly between the two:
 * every API route wins, and only what nothing else answered falls through to the portal.
 */
@Module({})
export class PortalModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const directory = portalDirectory();
    if (!directory) {
      new Logger('PortalModule').warn('src/portal/public not found: the portal is not served');
      return;
    }
    // Express's application when the adapter is Express's; anything else is left alone.
    const instance = this.adapterHost.httpAdapter?.getInstance?.<Partial<Pick<Application, 'use'>>>();
    if (!instance || typeof instance.use !== 'function') return;
    instance.use(qrCodeRoute());
    instance.use(portalMiddleware(directory));
  }
}
