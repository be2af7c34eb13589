// The forms the Mautic double publishes, as a Mautic admin would build them in the form builder.
// Each field lists what Mautic stores for it (alias, type, label, required, validation message,
// options, conditions on a parent field, page-break labels, captcha answer, custom HTML …);
// render.mjs turns them into the markup Mautic's templates produce (README.md in this folder).
//
// Texts that Mautic keeps HTML-escaped (its input filter escapes what admins type into labels and
// messages) are written here escaped, as the server holds them.

/** Form 3: a newsletter form with a select, a checkbox group and a hidden field. */
const newsletter = {
  name: 'newsletter',
  kiosk: false,
  successMessage: 'Thank you, you are subscribed.',
  fields: [
    { alias: 'email', type: 'email', label: 'Email', required: true, message: 'Please enter your email.', placeholder: 'you@example.com' },
    // Mautic lets admins add attributes to an input; an inline handler is what a careless one adds.
    { alias: 'firstname', type: 'text', label: 'First name', inputAttributes: 'onfocus="document.title=\'handler ran\'"' },
    { alias: 'country', type: 'select', label: 'Country', placeholder: 'Choose a country', options: [['de', 'Germany'], ['fr', 'France'], ['other', 'Somewhere else']] },
    { alias: 'topics', type: 'checkboxgrp', label: 'Topics', options: [['news', 'News'], ['offers', 'Offers']] },
    { alias: 'source', type: 'hidden', label: 'Source', defaultValue: 'website' },
    { alias: 'submit', type: 'button', label: 'Submit' },
  ],
};

/** Form 4: Mautic's kiosk mode (no cookie for the submitter). */
const contest = {
  name: 'contest',
  kiosk: true,
  successMessage: 'Good luck!',
  fields: [
    { alias: 'email', type: 'email', label: 'Email', required: true, message: 'Email is required.' },
    { alias: 'submit', type: 'button', label: 'Submit' },
  ],
};

/** Form 5: custom HTML (with scripts, which Mautic strips from every rendering), a captcha, a honeypot. */
const contact = {
  name: 'contact',
  kiosk: false,
  successMessage: 'Thanks! We answer within a day.<br /><br />Meanwhile, read <a href="https://example.com/faq">our FAQ</a>.',
  fields: [
    {
      alias: 'intro',
      type: 'freehtml',
      label: 'Intro',
      showLabel: false,
      html: '<p class="intro">We answer <strong>within a day</strong>.</p><script>window.customHtmlRan = true</script>',
    },
    { alias: 'fullname', type: 'text', label: 'Name' },
    { alias: 'email', type: 'email', label: 'Email', required: true },
    { alias: 'message', type: 'textarea', label: 'Message', required: true, message: 'Please write a message.' },
    { alias: 'reply', type: 'radiogrp', label: 'Reply by', required: true, options: [['email', 'Email'], ['phone', 'Phone']] },
    { alias: 'question', type: 'captcha', label: 'What is 2 + 3?', captcha: '5', errorMessage: 'That is not the answer to &quot;What is 2 + 3?&quot;' },
    // A captcha field without a question is Mautic's honeypot: hidden, and it must stay empty.
    { alias: 'website', type: 'captcha', label: 'Website' },
    { alias: 'submit', type: 'button', label: 'Send' },
  ],
};

/** Form 6: a two-page registration form with conditional fields. */
const registration = {
  name: 'registration',
  kiosk: false,
  successMessage: 'You are registered.',
  fields: [
    { alias: 'email', type: 'email', label: 'Email', required: true, message: 'Your email, please.' },
    { alias: 'role', type: 'radiogrp', label: 'I am a', required: true, options: [['student', 'Student'], ['teacher', 'Teacher'], ['other', 'Other']] },
    { alias: 'school', type: 'text', label: 'School', required: true, message: 'Which school?', parent: 'role', conditions: { expr: 'in', values: ['student'] } },
    { alias: 'subject', type: 'select', label: 'Subject taught', parent: 'role', conditions: { expr: 'notIn', values: ['student', 'other'] }, options: [['math', 'Maths'], ['art', 'Art']] },
    { alias: 'page1', type: 'pagebreak', label: 'Page 1', next: 'Next', prev: '' },
    { alias: 'plan', type: 'select', label: 'Plan', required: true, message: 'Choose a plan.', options: [['basic', 'Basic'], ['pro', 'Pro']] },
    { alias: 'extras', type: 'checkboxgrp', label: 'Extras', parent: 'plan', conditions: { expr: 'in', values: [], any: true }, options: [['support', 'Support'], ['training', 'Training']] },
    { alias: 'notes', type: 'textarea', label: 'Notes' },
    { alias: 'submit', type: 'button', label: 'Register' },
    { alias: 'page2', type: 'pagebreak', label: 'Page 2', next: 'Next', prev: 'Back' },
  ],
};

/** Form 7: a download form; its "download an asset" action puts a `download` key in the answer. */
const whitepaper = {
  name: 'whitepaper',
  kiosk: false,
  successMessage: 'Your download starts now.',
  download: { asset: 3, alias: 'guide' },
  fields: [
    { alias: 'email', type: 'email', label: 'Email', required: true },
    { alias: 'submit', type: 'button', label: 'Get the guide' },
  ],
};

export const DEFINITIONS = { 3: newsletter, 4: contest, 5: contact, 6: registration, 7: whitepaper };
