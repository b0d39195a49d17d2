//! Yew's side of the rule that only the user acts (PRODUCT.md S5, issue #16): a handler that
//! shows, starts, confirms or changes anything is made with [`on_user`], and hears nothing a
//! script of the site dispatched.

use talent_bridge_web::by_user;
use web_sys::Event;
use yew::Callback;

/// `callback`, fed with `map(event)` for the user's events only (`by_user`).
pub fn on_user<E, T>(callback: &Callback<T>, map: impl Fn(E) -> T + 'static) -> Callback<E>
where
    E: AsRef<Event> + 'static,
    T: 'static,
{
    let callback = callback.clone();
    Callback::from(move |event: E| {
        if by_user(event.as_ref()) {
            callback.emit(map(event));
        }
    })
}
