import { CUSTOMER_UPLOAD_MAX_BYTES } from '../../contract/period';
import { CUSTOMER_UPLOAD_HEADERS } from '../../imports/customer-upload-templates';
import * as web from '../../web/src/services/customer-upload-layout';

describe("the customer page's upload knows what the server reads", () => {
  it('offers the blank template with the headers the server’s layouts look for, and checks the same size', () => {
    expect(web.CUSTOMER_UPLOAD_HEADERS).toEqual(CUSTOMER_UPLOAD_HEADERS);
    expect(web.CUSTOMER_UPLOAD_MAX_BYTES).toBe(CUSTOMER_UPLOAD_MAX_BYTES);
  });
});
