/** An e-mail address as Recon accepts one (staff sign-in names, customers' statement recipients). */
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{1,63}$/;

/** At most 254 characters, one "@", a dot in the domain, no spaces. Not a deliverability check. */
export const isEmailAddress = (text: string): boolean => text.length <= 254 && EMAIL.test(text);
