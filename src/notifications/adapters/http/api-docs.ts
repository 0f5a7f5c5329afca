/** Codes named in this module's error documentation (ApiErrorResponses from the platform). */
export const UNAUTHENTICATED = 'No valid credential (UNAUTHENTICATED)';
export const PEOPLE_ONLY = 'FORBIDDEN: API keys may not use these routes';
export const VALIDATION = 'VALIDATION_FAILED';
