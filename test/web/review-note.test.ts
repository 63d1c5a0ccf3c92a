import { REVIEW_NOTE_MAX_CHARS } from '../../contract/period';
import * as web from '../../web/src/services/review-note';

describe("the web app's limit for review notes", () => {
  it("is the server's, so the text box stops where the workflow would refuse", () => {
    expect(web.REVIEW_NOTE_MAX_CHARS).toBe(REVIEW_NOTE_MAX_CHARS);
  });
});
