import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'gongzhi:public';
/** Anyone may call this route; a valid token, if sent, still identifies the caller. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
