import { Body, Query, ValidationPipe } from '@nestjs/common';
import { ValidationFailed } from '../errors/validation-failed';

/**
 * The one validation of request DTOs: unknown fields refused, values converted to the DTO's types.
 * Bound to the body and query parameters only (`@ValidBody()`, `@ValidQuery()`), not as a global
 * pipe: a global pipe also runs, as a chain of promises, on every other parameter, such as the
 * caller's principal; that cost several microseconds on every authenticated request.
 */
export const VALIDATION = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => new ValidationFailed(errors),
});

/** The request body, validated against its DTO class. */
export const ValidBody = (): ParameterDecorator => Body(VALIDATION);

/** The query string, validated against its DTO class. */
export const ValidQuery = (): ParameterDecorator => Query(VALIDATION);
