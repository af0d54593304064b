// The client's two kinds of 401 (accounts, issue 12): `sign_in_required` shows the sign-in form, any other 401
// still asks for the server's PARLEY_TOKEN as before (accounts off).
import { describe, expect, it } from 'vitest';
import { ApiRequestError, wantsServerToken } from '../../../client/src/api/client';

describe('wantsServerToken', () => {
  it('is true for a token 401 and false for sign-in, other statuses and other errors', () => {
    expect(wantsServerToken(new ApiRequestError(401, 'unauthorized', 'send the token'))).toBe(true);
    expect(wantsServerToken(new ApiRequestError(401, 'sign_in_required', 'sign in'))).toBe(false);
    expect(wantsServerToken(new ApiRequestError(403, 'forbidden', 'needs editor'))).toBe(false);
    expect(wantsServerToken(new Error('boom'))).toBe(false);
  });
});
