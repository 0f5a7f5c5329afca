import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'gatehouse:public-route';

/** Marks an API route that answers without a credential (e.g. login). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
